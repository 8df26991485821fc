package io.paddock.acl;

import io.paddock.api.Id;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns {@code addauth} credentials into identities. The {@code digest} scheme takes {@code
 * user:password} and yields {@code digest:user:base64(sha1(user:password))}; when that equals the
 * configured super digest the caller also becomes {@code super}.
 */
public final class Authentication {
  private final String superDigest;

  /**
   * @param superDigest {@code super:base64hash} from configuration, or null for no super user
   */
  public Authentication(String superDigest) {
    this.superDigest = superDigest;
  }

  /**
   * The identities granted for the credentials, or null if they are not accepted (unknown scheme or
   * malformed credentials: AUTH_FAILED).
   */
  public List<Id> authenticate(String scheme, byte[] auth) {
    if (!"digest".equals(scheme) || auth == null) {
      return null;
    }
    String text = new String(auth, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String digest = digest(text.substring(0, colon), text.substring(colon + 1));
    List<Id> ids = new ArrayList<>(2);
    ids.add(new Id("digest", digest));
    if (digest.equals(superDigest)) {
      ids.add(AclChecks.SUPER);
    }
    return ids;
  }

  /** {@code user:base64(sha1("user:password"))}, ZooKeeper's digest form. */
  public static String digest(String user, String password) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-1")
              .digest((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      return user + ":" + Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
