/**
 * Access control: permission checks ({@link io.paddock.acl.Acls#allowed}), which op needs which
 * permission ({@link io.paddock.acl.OpPermission}), ACL validation and {@code auth} expansion
 * ({@link io.paddock.acl.Acls#fixup}), the {@code digest} hash ({@link io.paddock.acl.Digests}),
 * {@code ip} address and CIDR matching ({@link io.paddock.acl.IpAddresses}) and turning an {@code
 * addauth} into identities ({@link io.paddock.acl.Authentication}).
 *
 * <p>Semantics follow ZooKeeper 3.9 (schemes world, auth, digest, ip, super). Pure package: no
 * threads, sockets (addresses are parsed by our own code, never resolved), files, clocks. Allowed
 * dependencies: the JDK and {@code io.paddock.api}.
 */
package io.paddock.acl;
