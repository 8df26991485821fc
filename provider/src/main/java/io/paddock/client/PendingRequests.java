package io.paddock.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests written to the current connection and not yet answered, in the order written. The server
 * answers each session in order, so a reply must carry the xid of the oldest entry; anything else
 * is a protocol error. I/O thread only.
 */
final class PendingRequests {
  private final ArrayDeque<Call<?>> sent = new ArrayDeque<>();

  void add(Call<?> call) {
    sent.addLast(call);
  }

  /**
   * Removes and returns the call {@code xid} answers.
   *
   * @throws ProtocolViolation if {@code xid} is not the oldest pending xid
   */
  Call<?> take(int xid) throws ProtocolViolation {
    Call<?> head = sent.peekFirst();
    if (head == null) {
      throw new ProtocolViolation("reply with xid " + xid + " but no request is pending");
    }
    if (head.xid() != xid) {
      throw new ProtocolViolation(
          "reply with xid "
              + xid
              + " out of order: expected xid "
              + head.xid()
              + " ("
              + head
              + ")");
    }
    return sent.pollFirst();
  }

  /** The oldest pending call, or {@code null}. */
  Call<?> oldest() {
    return sent.peekFirst();
  }

  /** Removes and returns the oldest pending call, or {@code null}. */
  Call<?> pollOldest() {
    return sent.pollFirst();
  }

  int size() {
    return sent.size();
  }

  /** Removes and returns all pending calls, oldest first. */
  List<Call<?>> drain() {
    List<Call<?>> all = new ArrayList<>(sent);
    sent.clear();
    return all;
  }
}
