package io.paddock.quorum.core;

import io.paddock.txn.Txn;
import java.util.List;

/**
 * What the embedding must do after feeding the peer, in this order:
 *
 * <ol>
 *   <li>If {@link #hardState} is not null, write it durably (fsync) before anything below is sent.
 *       Epochs change rarely, so this synchronous write costs little.
 *   <li>Perform {@link #log} in order: {@link LogOp.Append} may be written asynchronously and
 *       batched, then reported with {@code persisted(zxid)}; {@link LogOp.Truncate} and {@link
 *       LogOp.InstallSnapshot} are synchronous (the second is answered with {@code
 *       snapshotInstalled}).
 *   <li>Send {@link #messages}. They never claim something is on disk before it is: acks and votes
 *       are produced only after {@code persisted} reported it (Zab: persist before you ack).
 *   <li>Apply {@link #committed} in order (zxid order, no gaps); they are committed on a quorum, so
 *       applying them need not wait for the local disk.
 *   <li>React to {@link #status} when not null (role, leader, epoch or serving changed).
 *   <li>Leader only: propose every {@link #forwarded} write, in order.
 *   <li>Answer the {@link #syncs} that are done once their zxid is applied.
 * </ol>
 *
 * <p>A leader sending a {@link Message.Sync} in mode SNAP attaches a snapshot of its applied state
 * taken at or after that sync's {@code zxid}: every transaction handed out as committed so far,
 * this Ready's included, is applied first.
 *
 * <p>Two things the core leaves to the embedding's session layer: a leader must not stamp a
 * session's write whose cxid is not above the last one it stamped for that session (the client
 * moved to another server while the write was in flight; ZooKeeper answers such requests with
 * SESSIONMOVED), and one session's replies must stay in the order sent even when a {@link #syncs()}
 * completion and the commit of a later write of that session come back in the other order.
 */
public record Ready(
    HardState hardState,
    List<LogOp> log,
    List<Envelope> messages,
    List<Txn> committed,
    PeerStatus status,
    List<Forwarded> forwarded,
    List<SyncCompletion> syncs) {

  public Ready {
    log = List.copyOf(log);
    messages = List.copyOf(messages);
    committed = List.copyOf(committed);
    forwarded = List.copyOf(forwarded);
    syncs = List.copyOf(syncs);
  }

  /** True if there is nothing to do. */
  public boolean isEmpty() {
    return hardState == null
        && log.isEmpty()
        && messages.isEmpty()
        && committed.isEmpty()
        && status == null
        && forwarded.isEmpty()
        && syncs.isEmpty();
  }
}
