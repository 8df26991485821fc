package io.paddock.client;

/**
 * What the client knows about its session, written by the I/O thread after each handshake and read
 * from any thread. The password is copied in and out so nobody can change it underneath.
 */
final class SessionState {
  private static final int PASSWORD_BYTES = 16;

  private volatile long sessionId;
  private volatile byte[] password = new byte[PASSWORD_BYTES];
  private volatile int negotiatedTimeoutMs;

  long sessionId() {
    return sessionId;
  }

  byte[] password() {
    return password.clone();
  }

  int negotiatedTimeoutMs() {
    return negotiatedTimeoutMs;
  }

  void established(long id, byte[] passwd, int timeoutMs) {
    this.password = passwd == null ? new byte[PASSWORD_BYTES] : passwd.clone();
    this.negotiatedTimeoutMs = timeoutMs;
    this.sessionId = id;
  }

  /** The id as ZooKeeper prints it, {@code 0x...}. */
  String hexId() {
    return "0x" + Long.toHexString(sessionId);
  }
}
