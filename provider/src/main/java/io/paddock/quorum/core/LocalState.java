package io.paddock.quorum.core;

import io.paddock.txn.Txn;
import io.paddock.txn.Zxid;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every role of one peer shares: its configuration, hard state, log window, how far the log is
 * on disk and how far it is committed, the tick counter, and the outputs collected for the next
 * {@link Ready}.
 *
 * <p>Invariants, checked where they can break: {@code commitZxid <= lastZxid}, {@code persistedZxid
 * <= lastZxid}, committed transactions are handed out once, in zxid order, and never truncated.
 */
public final class LocalState {
  private final PeerConfig config;
  private final RandomSource random;
  private final History history;
  private HardState hardState;
  private long persistedZxid;
  private long commitZxid;
  private long now;

  private HardState hardStateOut;
  private final List<LogOp> logOut = new ArrayList<>();
  private final List<Envelope> messagesOut = new ArrayList<>();
  private final List<Txn> committedOut = new ArrayList<>();
  private final List<Forwarded> forwardedOut = new ArrayList<>();
  private final List<SyncCompletion> syncsOut = new ArrayList<>();

  /** A peer restarting from {@code stable}; the embedding's applied state is at its snapshot. */
  public LocalState(PeerConfig config, StableState stable, RandomSource random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    this.hardState = stable.hardState();
    this.history = new History(stable.snapshotZxid(), stable.log());
    this.persistedZxid = history.lastZxid();
    this.commitZxid = stable.snapshotZxid();
  }

  public PeerConfig config() {
    return config;
  }

  public long myId() {
    return config.myId();
  }

  public Membership membership() {
    return config.membership();
  }

  public RandomSource random() {
    return random;
  }

  /** Ticks since this peer started. */
  public long now() {
    return now;
  }

  /** Advances the tick counter (the peer does, once per tick). */
  public void tick() {
    now++;
  }

  // ---- hard state
  // ---------------------------------------------------------------------------------

  public HardState hardState() {
    return hardState;
  }

  /** Changes the hard state; it is persisted before the messages of the same Ready are sent. */
  public void saveHardState(HardState next) {
    if (!next.equals(hardState)) {
      hardState = next;
      hardStateOut = next;
    }
  }

  // ---- log
  // ----------------------------------------------------------------------------------------

  public History history() {
    return history;
  }

  public long lastZxid() {
    return history.lastZxid();
  }

  /** Logs a transaction (asynchronously persisted). */
  public void append(Txn txn) {
    history.append(txn);
    logOut.add(new LogOp.Append(txn));
  }

  /**
   * Drops everything after {@code zxid}, synchronously. Committed transactions are never dropped.
   */
  public void truncate(long zxid) {
    if (zxid < commitZxid) {
      throw new IllegalStateException(
          "truncating to "
              + Zxid.toHex(zxid)
              + " would drop committed transactions up to "
              + Zxid.toHex(commitZxid));
    }
    history.truncateAfter(zxid);
    logOut.add(new LogOp.Truncate(zxid));
    persistedZxid = zxid;
  }

  /** Asks the embedding to install the leader's snapshot. */
  public void requestSnapshot(long leaderId, long zxid) {
    logOut.add(new LogOp.InstallSnapshot(leaderId, zxid));
  }

  /** The leader's snapshot at {@code zxid} replaced the local state and log. */
  public void snapshotInstalled(long zxid) {
    if (zxid < commitZxid) {
      throw new IllegalStateException(
          "snapshot at "
              + Zxid.toHex(zxid)
              + " is behind transactions already committed up to "
              + Zxid.toHex(commitZxid));
    }
    history.reset(zxid);
    persistedZxid = zxid;
    commitZxid = zxid;
  }

  /** How far the log is known to be on disk. */
  public long persistedZxid() {
    return persistedZxid;
  }

  /**
   * The embedding reports that every log operation handed out up to the append of {@code zxid} is
   * durable. Reports about transactions since truncated are capped to what the log still holds.
   *
   * @return true if the persisted point moved
   */
  public boolean persisted(long zxid) {
    long point = history.floor(Math.min(zxid, history.lastZxid()));
    if (point > persistedZxid) {
      persistedZxid = point;
      return true;
    }
    return false;
  }

  // ---- commit
  // -------------------------------------------------------------------------------------

  /** How far this peer knows the history is committed (and has handed it out to apply). */
  public long commitZxid() {
    return commitZxid;
  }

  /**
   * Marks everything up to {@code zxid} (capped to what the log holds) committed and hands it out
   * to apply.
   *
   * @return the newly committed transactions, in order
   */
  public List<Txn> commitUpTo(long zxid) {
    long target = history.floor(Math.min(zxid, history.lastZxid()));
    if (target <= commitZxid) {
      return List.of();
    }
    List<Txn> fresh = history.range(commitZxid, target, Integer.MAX_VALUE);
    committedOut.addAll(fresh);
    commitZxid = target;
    history.trim(commitZxid, config.historyMax());
    return fresh;
  }

  // ---- outputs
  // ------------------------------------------------------------------------------------

  /** Queues a message to {@code to}. */
  public void send(long to, Message message) {
    if (to == config.myId()) {
      throw new IllegalArgumentException("sending " + message + " to myself");
    }
    messagesOut.add(new Envelope(config.myId(), to, message));
  }

  /** Hands a learner's write to the embedding to stamp and propose. */
  public void forwarded(long from, Txn draft) {
    forwardedOut.add(new Forwarded(from, draft));
  }

  /** Reports a finished sync. */
  public void syncDone(long requestId, long zxid) {
    syncsOut.add(new SyncCompletion(requestId, zxid));
  }

  /** How many forwarded writes are waiting in the outputs (their capacity is reserved). */
  public int forwardedPending() {
    return forwardedOut.size();
  }

  /** True if outputs are waiting. */
  public boolean hasOutput() {
    return hardStateOut != null
        || !logOut.isEmpty()
        || !messagesOut.isEmpty()
        || !committedOut.isEmpty()
        || !forwardedOut.isEmpty()
        || !syncsOut.isEmpty();
  }

  /** Takes the collected outputs. */
  public Ready drain(PeerStatus status) {
    Ready ready =
        new Ready(hardStateOut, logOut, messagesOut, committedOut, status, forwardedOut, syncsOut);
    hardStateOut = null;
    logOut.clear();
    messagesOut.clear();
    committedOut.clear();
    forwardedOut.clear();
    syncsOut.clear();
    return ready;
  }
}
