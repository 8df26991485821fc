package io.paddock.acl;

import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns an {@code addauth (scheme, bytes)} into the identities a session gains, as ZooKeeper's
 * server-side auth providers do.
 *
 * <ul>
 *   <li>{@code digest} with {@code user:password}: {@code digest:user:hash}; if that digest equals
 *       the configured super digest, also {@code super:} (empty id), which bypasses ACLs.
 *   <li>{@code ip}: {@code ip:<remote address>}; the bytes are ignored. (The server also grants
 *       this id to every connection when it is accepted, as ZooKeeper does.)
 *   <li>anything else: {@link io.paddock.api.ErrorCode#AUTH_FAILED}. In particular a client can
 *       never claim {@code super} directly.
 * </ul>
 */
public final class Authentication {
  /** Longest {@code addauth} payload accepted; ZooKeeper bounds it only by the frame size. */
  public static final int AUTH_DATA_BYTES_MAX = 64 * 1024;

  private final String superDigest;

  /**
   * @param superDigest the configured {@code superDigest} ({@code super:base64hash}, as produced by
   *     {@link Digests#digest}), or null if super access is disabled
   */
  public Authentication(String superDigest) {
    this.superDigest = superDigest;
  }

  /** The identity every connection from {@code remoteAddress} carries. */
  public static Id ipId(String remoteAddress) {
    return new Id(Acls.IP, remoteAddress);
  }

  /**
   * Authenticates an {@code addauth}.
   *
   * @param scheme the scheme the client named
   * @param authData the client's bytes ({@code user:password} in UTF-8 for digest)
   * @param remoteAddress the caller's address, as text
   */
  public AuthResult authenticate(String scheme, byte[] authData, String remoteAddress) {
    if (authData != null && authData.length > AUTH_DATA_BYTES_MAX) {
      return AuthResult.failed();
    }
    switch (scheme) {
      case Acls.DIGEST -> {
        if (authData == null) {
          return AuthResult.failed();
        }
        String digest = Digests.digestOf(new String(authData, StandardCharsets.UTF_8));
        Id id = new Id(Acls.DIGEST, digest);
        if (superDigest != null && superDigest.equals(digest)) {
          return new AuthResult(ErrorCode.OK, List.of(new Id(Acls.SUPER, ""), id));
        }
        return new AuthResult(ErrorCode.OK, List.of(id));
      }
      case Acls.IP -> {
        return new AuthResult(ErrorCode.OK, List.of(ipId(remoteAddress)));
      }
      default -> {
        return AuthResult.failed();
      }
    }
  }
}
