package io.paddock.session;

import io.paddock.api.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live sessions of a server and their deadlines. Pure: every method that needs the time takes
 * {@code nowMs}; the caller owns the clock and calls {@link #expire} when {@link #nextExpiryMs} has
 * passed. Not thread-safe: one owner (the session tracker of the server) calls it.
 *
 * <p><b>Expiry buckets.</b> As in ZooKeeper, a deadline is rounded <em>up</em> to the next multiple
 * of the expiry interval (the tick), and sessions with the same rounded deadline share a bucket.
 * {@link #expire} then pops whole buckets, so it costs O(expired sessions), not O(all sessions),
 * and a touch only moves a session between two buckets. Rounding up means a session lives at least
 * its timeout after its last touch and at most one interval longer.
 *
 * <p><b>States.</b> This class is the only owner of session state transitions:
 *
 * <table>
 *   <caption>Session state transitions</caption>
 *   <tr><th>from</th><th>event</th><th>to</th><th>notes</th></tr>
 *   <tr><td>(absent)</td><td>{@link #create}</td><td>OPEN</td><td>in a bucket</td></tr>
 *   <tr><td>OPEN</td><td>{@link #touch}</td><td>OPEN</td><td>deadline moves later</td></tr>
 *   <tr><td>OPEN</td><td>{@link #expire}, deadline passed</td><td>EXPIRED</td>
 *       <td>left its bucket; caller proposes the close</td></tr>
 *   <tr><td>OPEN</td><td>{@link #close}</td><td>CLOSING</td>
 *       <td>left its bucket; caller proposes the close</td></tr>
 *   <tr><td>CLOSING</td><td>{@link #close}</td><td>CLOSING</td><td>idempotent</td></tr>
 *   <tr><td>any</td><td>{@link #remove} (close applied)</td><td>(absent)</td><td></td></tr>
 * </table>
 *
 * Only OPEN sessions accept requests ({@link #acceptsRequests}); touching or closing a session in
 * any other state answers {@link ErrorCode#SESSION_EXPIRED}.
 */
public final class SessionTable {

  /** Where a session is in its life. */
  public enum State {
    /** Accepts requests; has a deadline. */
    OPEN,
    /** The client asked to close; the close is on its way through the pipeline. */
    CLOSING,
    /** The deadline passed; the close is on its way through the pipeline. */
    EXPIRED
  }

  /**
   * A read-only view of one session.
   *
   * @param id the session id
   * @param timeoutMs the negotiated timeout
   * @param state where the session is in its life
   * @param deadlineMs the rounded deadline while OPEN; the last deadline it had otherwise
   */
  public record Session(long id, int timeoutMs, State state, long deadlineMs) {}

  /**
   * Default bound on sessions. ZooKeeper has none; sessions outlive their connections until they
   * expire, so the per-IP connection limit alone does not bound them.
   */
  public static final int DEFAULT_SESSIONS_MAX = 100_000;

  private static final class Entry {
    final long id;
    final int timeoutMs;
    State state = State.OPEN;
    long deadlineMs;

    Entry(long id, int timeoutMs) {
      this.id = id;
      this.timeoutMs = timeoutMs;
    }

    Session view() {
      return new Session(id, timeoutMs, state, deadlineMs);
    }
  }

  private final long expiryIntervalMs;
  private final int sessionsMax;
  private final SessionPasswords passwords;
  private final Map<Long, Entry> sessions = new HashMap<>();

  /** Rounded deadline → OPEN sessions due then; insertion-ordered for deterministic output. */
  private final TreeMap<Long, Set<Long>> buckets = new TreeMap<>();

  /**
   * @param expiryIntervalMs the bucket width, normally tickTime
   * @param sessionsMax at most this many sessions at once
   * @param passwords checks re-attach passwords
   */
  public SessionTable(long expiryIntervalMs, int sessionsMax, SessionPasswords passwords) {
    if (expiryIntervalMs <= 0 || sessionsMax <= 0) {
      throw new IllegalArgumentException(
          "need expiryIntervalMs > 0 and sessionsMax > 0: "
              + expiryIntervalMs
              + ", "
              + sessionsMax);
    }
    this.expiryIntervalMs = expiryIntervalMs;
    this.sessionsMax = sessionsMax;
    this.passwords = Objects.requireNonNull(passwords, "passwords");
  }

  /**
   * Adds an OPEN session due {@code timeoutMs} after {@code nowMs} (rounded up).
   *
   * @return {@link ErrorCode#OK}, or {@link ErrorCode#THROTTLED_OP} if the table is full
   * @throws IllegalStateException if the id is already present (ids are unique by construction)
   */
  public ErrorCode create(long id, int timeoutMs, long nowMs) {
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
    }
    if (sessions.containsKey(id)) {
      throw new IllegalStateException(
          "session 0x" + Long.toHexString(id) + " already exists: " + sessions.get(id).view());
    }
    if (sessions.size() >= sessionsMax) {
      return ErrorCode.THROTTLED_OP;
    }
    Entry e = new Entry(id, timeoutMs);
    sessions.put(id, e);
    e.deadlineMs = roundUp(Math.addExact(nowMs, timeoutMs));
    buckets.computeIfAbsent(e.deadlineMs, d -> new LinkedHashSet<>()).add(id);
    return ErrorCode.OK;
  }

  /**
   * Records activity (a request or ping): the deadline becomes {@code nowMs + timeout} rounded up,
   * unless that is earlier than the current one — a deadline never moves back.
   *
   * @return {@link ErrorCode#OK} for an OPEN session, else {@link ErrorCode#SESSION_EXPIRED}
   */
  public ErrorCode touch(long id, long nowMs) {
    Entry e = sessions.get(id);
    if (e == null || e.state != State.OPEN) {
      return ErrorCode.SESSION_EXPIRED;
    }
    long deadline = roundUp(Math.addExact(nowMs, e.timeoutMs));
    if (deadline > e.deadlineMs) {
      leaveBucket(e);
      e.deadlineMs = deadline;
      buckets.computeIfAbsent(deadline, d -> new LinkedHashSet<>()).add(id);
    }
    return ErrorCode.OK;
  }

  /**
   * Marks EXPIRED every OPEN session whose deadline is at or before {@code nowMs}, and returns
   * their ids (by deadline, then creation/touch order). The sessions stay in the table, refusing
   * requests, until the caller's close transaction is applied and calls {@link #remove}.
   */
  public List<Long> expire(long nowMs) {
    List<Long> expired = new ArrayList<>();
    while (!buckets.isEmpty() && buckets.firstKey() <= nowMs) {
      Map.Entry<Long, Set<Long>> bucket = buckets.pollFirstEntry();
      for (long id : bucket.getValue()) {
        Entry e = sessions.get(id);
        if (e == null || e.state != State.OPEN || e.deadlineMs != bucket.getKey()) {
          throw new IllegalStateException(
              "bucket "
                  + bucket.getKey()
                  + " held session 0x"
                  + Long.toHexString(id)
                  + " in state "
                  + (e == null ? "absent" : e.view()));
        }
        e.state = State.EXPIRED;
        expired.add(id);
      }
    }
    return expired;
  }

  /**
   * Starts closing a session at the client's request: it stops accepting requests and leaves
   * expiry, and the caller proposes the close.
   *
   * @return {@link ErrorCode#OK} if OPEN or already CLOSING, else {@link ErrorCode#SESSION_EXPIRED}
   */
  public ErrorCode close(long id) {
    Entry e = sessions.get(id);
    if (e == null || e.state == State.EXPIRED) {
      return ErrorCode.SESSION_EXPIRED;
    }
    if (e.state == State.OPEN) {
      leaveBucket(e);
      e.state = State.CLOSING;
    }
    return ErrorCode.OK;
  }

  /**
   * Forgets a session whatever its state, once its close has been applied.
   *
   * @return whether it was present
   */
  public boolean remove(long id) {
    Entry e = sessions.remove(id);
    if (e == null) {
      return false;
    }
    if (e.state == State.OPEN) {
      leaveBucket(e);
    }
    return true;
  }

  /** The session, if present in any state. */
  public Optional<Session> lookup(long id) {
    Entry e = sessions.get(id);
    return e == null ? Optional.empty() : Optional.of(e.view());
  }

  /** Whether the session exists and is OPEN. */
  public boolean acceptsRequests(long id) {
    Entry e = sessions.get(id);
    return e != null && e.state == State.OPEN;
  }

  /** Whether {@code password} is right for a present session (re-attach after reconnect). */
  public boolean checkPassword(long id, byte[] password) {
    return sessions.containsKey(id) && passwords.matches(id, password);
  }

  /** Sessions present, in any state. */
  public int count() {
    return sessions.size();
  }

  /** The earliest deadline of an OPEN session: when {@link #expire} next has work. */
  public OptionalLong nextExpiryMs() {
    return buckets.isEmpty() ? OptionalLong.empty() : OptionalLong.of(buckets.firstKey());
  }

  /** Every session, sorted by id (for snapshots and the {@code cons}/{@code dump} commands). */
  public List<Session> all() {
    List<Session> out = new ArrayList<>(sessions.size());
    for (Entry e : sessions.values()) {
      out.add(e.view());
    }
    out.sort(Comparator.comparingLong(Session::id));
    return out;
  }

  private void leaveBucket(Entry e) {
    Set<Long> bucket = buckets.get(e.deadlineMs);
    if (bucket == null || !bucket.remove(e.id)) {
      throw new IllegalStateException(
          "OPEN session not in its bucket " + e.deadlineMs + ": " + e.view());
    }
    if (bucket.isEmpty()) {
      buckets.remove(e.deadlineMs);
    }
  }

  /** The next multiple of the interval strictly after {@code timeMs}, as ZooKeeper rounds. */
  private long roundUp(long timeMs) {
    return Math.multiplyExact(Math.floorDiv(timeMs, expiryIntervalMs) + 1, expiryIntervalMs);
  }
}
