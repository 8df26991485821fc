package io.paddock.wire;

/**
 * The reserved {@code xid}s. Ordinary requests carry a positive, increasing xid chosen by the
 * client and echoed in the reply; these negative ones mark frames that are not answers to an
 * ordinary request, so the client routes them without looking up a pending request.
 */
public final class Xid {
  /** A watch notification from the server: {@code ReplyHeader(-1, zxid, 0)} + WatcherEvent. */
  public static final int NOTIFICATION = -1;

  /** A ping and its reply (header only, both ways). */
  public static final int PING = -2;

  /** An auth packet and its reply (the reply is header only; a non-zero err means failure). */
  public static final int AUTH = -4;

  /** SetWatches/SetWatches2 after a reconnect, and its header-only reply. */
  public static final int SET_WATCHES = -8;

  private Xid() {}
}
