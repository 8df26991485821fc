package io.paddock.it.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The digest-scheme identity of a {@code user:password} pair: {@code user:base64(sha1(user:pw))},
 * as documented for ZooKeeper's digest ACL scheme and its super digest setting.
 */
public final class SuperDigest {
  /** The super user every test server trusts; authenticate with {@code "digest", SUPER_AUTH}. */
  public static final String SUPER_AUTH = "super:test";

  private SuperDigest() {}

  /** {@code user:base64(sha1("user:password"))} for {@code idPassword = "user:password"}. */
  public static String digestId(String idPassword) {
    int colon = idPassword.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected user:password, got " + idPassword);
    }
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1").digest(idPassword.getBytes(StandardCharsets.UTF_8));
      return idPassword.substring(0, colon) + ":" + Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
