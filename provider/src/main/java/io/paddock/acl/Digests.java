package io.paddock.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code digest} scheme's hash: {@code user:base64(SHA-1("user:password"))}, the same text
 * ZooKeeper's {@code DigestAuthenticationProvider.generateDigest} produces, so ACLs and {@code
 * superDigest} values written for ZooKeeper work unchanged.
 */
public final class Digests {
  private Digests() {}

  /**
   * The digest id for a user and password.
   *
   * @return {@code user:base64(sha1(user:password))}
   */
  public static String digest(String user, String password) {
    return digestOf(user + ":" + password);
  }

  /**
   * The digest id for {@code user:password} text as a client sends it in {@code addauth digest}.
   * The user is everything before the first colon (the whole text if there is none); the hash
   * covers the whole text.
   */
  public static String digestOf(String idPassword) {
    int colon = idPassword.indexOf(':');
    String user = colon < 0 ? idPassword : idPassword.substring(0, colon);
    byte[] hash = sha1().digest(idPassword.getBytes(StandardCharsets.UTF_8));
    return user + ":" + Base64.getEncoder().encodeToString(hash);
  }

  /**
   * Whether {@code id} is acceptable as a digest ACL id. ZooKeeper accepts any text that has
   * exactly two parts when split at colons, ignoring trailing empty parts (it does not check that
   * the hash is base64). We accept exactly the same set, so ACLs valid on ZooKeeper stay valid
   * here: {@code bob:hash}, {@code :hash} and {@code bob:hash:} are valid; {@code bob:} and {@code
   * a:b:c} are not.
   */
  public static boolean isValidId(String id) {
    int end = id.length();
    while (end > 0 && id.charAt(end - 1) == ':') {
      end--;
    }
    int colon = id.indexOf(':');
    return colon >= 0 && colon < end && id.lastIndexOf(':', end - 1) == colon;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-1; missing it is a broken JDK, not a user error.
      throw new IllegalStateException("SHA-1 not available", e);
    }
  }
}
