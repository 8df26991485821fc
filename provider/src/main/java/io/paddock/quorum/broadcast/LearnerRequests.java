package io.paddock.quorum.broadcast;

import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.txn.Txn;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A learner's side of request forwarding: writes and syncs go to the leader numbered from 1 within
 * one handshake (the leader takes them strictly in order), and syncs complete once this server
 * committed what the leader had proposed when it answered. Shared by followers and observers.
 */
final class LearnerRequests {
  private final LocalState local;
  private final long leaderId;
  private final int max;

  /** Syncs sent to the leader: request id to the zxid to reach, -1 until the leader answered. */
  private final Map<Long, Long> syncs = new TreeMap<>();

  private long syncId;
  private long nextSeq = 1;

  LearnerRequests(LocalState local, long leaderId) {
    this.local = local;
    this.leaderId = leaderId;
    this.max = local.config().forwardQueueMax();
  }

  /** A new handshake: what was sent under the previous one is the embedding's to fail. */
  void reset(long newSyncId) {
    syncId = newSyncId;
    nextSeq = 1;
    syncs.clear();
  }

  ProposeResult write(Txn draft) {
    local.send(leaderId, new Message.ForwardWrite(syncId, nextSeq++, draft));
    return ProposeResult.forwarded();
  }

  ProposeResult sync(long requestId) {
    if (syncs.size() >= max || syncs.containsKey(requestId)) {
      return ProposeResult.busy();
    }
    syncs.put(requestId, -1L);
    local.send(leaderId, new Message.ForwardSync(syncId, nextSeq++, requestId));
    return ProposeResult.forwarded();
  }

  void syncDone(long requestId, long zxid) {
    if (syncs.containsKey(requestId)) {
      syncs.put(requestId, zxid);
      committed();
    }
  }

  /** Completes the syncs whose zxid this server has committed. */
  void committed() {
    Iterator<Map.Entry<Long, Long>> it = syncs.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Long> e = it.next();
      if (e.getValue() >= 0 && e.getValue() <= local.commitZxid()) {
        local.syncDone(e.getKey(), e.getValue());
        it.remove();
      }
    }
  }
}
