package io.paddock.quorum.sim;

/** One client operation and what the client saw of it (the history the checkers judge). */
final class ClientOp {
  enum Outcome {
    PENDING,
    OK,
    /** Definitely not applied (refused before it was proposed). */
    FAILED,
    /** The client lost the connection or gave up: it may or may not have been applied. */
    UNKNOWN
  }

  final int client;
  final long sessionId;
  final int cxid;
  final int key;
  final String value;
  final boolean read;
  final long invokedAt;
  long respondedAt = -1;
  Outcome outcome = Outcome.PENDING;
  long zxid;
  int version;
  String readValue;

  /** A read preceded by a sync. */
  boolean synced;

  ClientOp(
      int client, long sessionId, int cxid, int key, String value, boolean read, long invokedAt) {
    this.client = client;
    this.sessionId = sessionId;
    this.cxid = cxid;
    this.key = key;
    this.value = value;
    this.read = read;
    this.invokedAt = invokedAt;
  }

  @Override
  public String toString() {
    return (read ? "read" : "write")
        + "{c"
        + client
        + " cxid="
        + cxid
        + " k"
        + key
        + (read ? "" : "=" + value)
        + " ["
        + invokedAt
        + ","
        + respondedAt
        + "] "
        + outcome
        + " zxid=0x"
        + Long.toHexString(zxid)
        + " v"
        + version
        + (read ? (synced ? " synced" : "") + " got=" + readValue : "")
        + "}";
  }
}
