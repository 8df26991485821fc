package io.paddock.quorum.broadcast;

import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.Message;
import io.paddock.txn.Txn;
import java.util.ArrayDeque;

/**
 * The leader's queue of learners' writes and syncs, in arrival order, and its pending syncs.
 *
 * <p>A write is handed to the embedding (to be stamped with the leader's time and proposed) only
 * when there is room for it in flight; that room is then reserved, so the proposal cannot be
 * refused. A sync behind writes waits until those are proposed, then completes once everything
 * proposed before it committed. Both queues are bounded.
 */
final class ForwardQueue {
  private record Item(long from, Txn draft, long requestId) {}

  private record PendingSync(long from, long requestId, long zxid) {}

  private final LocalState local;
  private final int max;
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final ArrayDeque<PendingSync> syncs = new ArrayDeque<>();
  private int reserved;

  ForwardQueue(LocalState local) {
    this.local = local;
    this.max = local.config().forwardQueueMax();
  }

  /**
   * Takes a learner's forwarded write ({@code draft}) or sync ({@code requestId}) numbered {@code
   * seq} in its handshake. They are taken strictly in order: one client's writes must be proposed
   * in the order it sent them, so a gap cannot be skipped.
   *
   * @return null, or why the learner's handshake must be broken (a gap, or the queue is full)
   */
  String offer(LearnerSession s, long seq, Txn draft, long requestId) {
    if (seq < s.nextSeq) {
      return null; // a duplicate
    }
    if (seq > s.nextSeq) {
      return "forwarded request " + seq + " arrived, expected " + s.nextSeq;
    }
    s.nextSeq++;
    boolean queued = draft != null ? offerWrite(s.sid, draft) : offerSync(s.sid, requestId);
    return queued ? null : "too many forwarded requests queued at the leader";
  }

  /** Queues a learner's write; false if the queue is full. */
  boolean offerWrite(long from, Txn draft) {
    if (queue.size() >= max) {
      return false;
    }
    queue.add(new Item(from, draft, 0));
    return true;
  }

  /** Queues a learner's sync; false if too many are waiting. */
  boolean offerSync(long from, long requestId) {
    if (queue.size() + syncs.size() >= max) {
      return false;
    }
    queue.add(new Item(from, null, requestId));
    return true;
  }

  /** Registers a sync of a local client; false if too many are waiting. */
  boolean localSync(long requestId) {
    if (syncs.size() >= max) {
      return false;
    }
    register(local.myId(), requestId);
    return true;
  }

  /** Takes one reserved slot if there is one (a forwarded write is being proposed). */
  boolean useReservation() {
    if (reserved > 0) {
      reserved--;
      return true;
    }
    return false;
  }

  int reserved() {
    return reserved;
  }

  /**
   * Hands queued writes to the embedding while {@code room} allows, and registers syncs whose
   * earlier writes are proposed.
   */
  void pump(int room) {
    // Writes handed out in an earlier Ready were proposed by now (the embedding's contract); only
    // those still waiting in the outputs hold a reservation.
    reserved = local.forwardedPending();
    int left = room - reserved;
    while (!queue.isEmpty()) {
      Item head = queue.peek();
      if (head.draft() == null) {
        if (reserved > 0) {
          return; // the writes before this sync are not proposed yet
        }
        register(head.from(), head.requestId());
      } else {
        if (left <= 0) {
          return;
        }
        local.forwarded(head.from(), head.draft());
        reserved++;
        left--;
      }
      queue.poll();
    }
  }

  private void register(long from, long requestId) {
    syncs.add(new PendingSync(from, requestId, local.lastZxid()));
    completeSyncs();
  }

  /** Answers the syncs whose zxid is committed. */
  void completeSyncs() {
    while (!syncs.isEmpty() && syncs.peek().zxid() <= local.commitZxid()) {
      PendingSync done = syncs.poll();
      if (done.from() == local.myId()) {
        local.syncDone(done.requestId(), done.zxid());
      } else {
        local.send(done.from(), new Message.SyncDone(done.requestId(), done.zxid()));
      }
    }
  }
}
