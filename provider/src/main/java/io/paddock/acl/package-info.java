/**
 * Access control: permission checks against a node's ACL, ACL validation and fix-up at create and
 * setACL, and turning {@code addauth} credentials into identities (world, auth, digest, ip, super).
 *
 * <p>Allowed dependencies: {@code io.paddock.api} and the JDK. Pure.
 */
package io.paddock.acl;
