package io.paddock.session;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session passwords derived from the session id and a secret: HMAC-SHA256(secret, id) cut to 16
 * bytes, the length ZooKeeper clients expect. Deriving instead of storing random bytes means any
 * server holding the same secret can verify a client re-attaching to its session, and nothing extra
 * has to be replicated or snapshotted. Every server of an ensemble must therefore be given the same
 * secret; it must not be guessable by clients, or they could hijack other sessions.
 *
 * <p>Immutable and thread-safe (a {@link Mac} is created per call).
 */
public final class SessionPasswords {

  /** Password length on the wire. */
  public static final int PASSWORD_BYTES = 16;

  /** Shortest accepted secret: 128 bits. */
  public static final int SECRET_BYTES_MIN = 16;

  /** Longest accepted secret; HMAC-SHA256 hashes longer keys anyway. */
  public static final int SECRET_BYTES_MAX = 64;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /**
   * Passwords keyed by {@code secret} (copied).
   *
   * @throws IllegalArgumentException if the secret is shorter than {@link #SECRET_BYTES_MIN} or
   *     longer than {@link #SECRET_BYTES_MAX} bytes
   */
  public SessionPasswords(byte[] secret) {
    if (secret.length < SECRET_BYTES_MIN || secret.length > SECRET_BYTES_MAX) {
      throw new IllegalArgumentException(
          "secret must be "
              + SECRET_BYTES_MIN
              + ".."
              + SECRET_BYTES_MAX
              + " bytes: "
              + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** The password of {@code sessionId}: always the same 16 bytes for the same id and secret. */
  public byte[] passwordFor(long sessionId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] full = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(sessionId).array());
      return Arrays.copyOf(full, PASSWORD_BYTES);
    } catch (GeneralSecurityException e) {
      // Every Java platform must provide HmacSHA256; its absence is a broken runtime.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code password} is the password of {@code sessionId}; constant time in content. */
  public boolean matches(long sessionId, byte[] password) {
    return password != null
        && password.length == PASSWORD_BYTES
        && MessageDigest.isEqual(passwordFor(sessionId), password);
  }
}
