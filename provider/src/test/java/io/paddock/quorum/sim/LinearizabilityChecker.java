package io.paddock.quorum.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Linearizability of one key's writes, from what clients saw only. Two checkers of the same model:
 * {@link #check} (Wing &amp; Gong's search, exponential in the worst case, for small histories) and
 * {@link #checkByVersions} (exact and polynomial for this model, used on whole simulated runs); a
 * test runs both on random histories and requires them to agree.
 *
 * <p>The model: a register with a version, starting at {@code initialVersion}; every write bumps
 * it, and a write a client saw succeed returns the version it produced (ZooKeeper's setData returns
 * the new Stat). A history is linearizable if the writes can be put in one order that respects real
 * time (a write that finished before another started comes first), gives every acknowledged write
 * the version it returned, and includes each write whose outcome the client does not know at most
 * once (or not at all). The search is depth first over the writes that may come next, memoized on
 * the set already placed (which determines the version).
 */
final class LinearizabilityChecker {
  /** One write: invocation and response times (response {@link Long#MAX_VALUE} if unknown). */
  record Write(long invokedAt, long respondedAt, int version, boolean acknowledged, String label) {}

  /** The verdict. */
  record Result(boolean linearizable, boolean exhausted, String explanation) {}

  private static final int STATES_MAX = 200_000;

  private LinearizabilityChecker() {}

  static Result check(List<Write> writes, int initialVersion) {
    int n = writes.size();
    int mustPlace = 0;
    for (Write w : writes) {
      if (w.acknowledged()) {
        mustPlace++;
      }
    }
    Search s = new Search(writes, mustPlace);
    boolean ok = s.dfs(new BitSet(n), initialVersion, 0);
    if (ok) {
      return new Result(true, false, "linearizable");
    }
    if (s.states > STATES_MAX) {
      return new Result(true, true, "search gave up after " + s.states + " states");
    }
    return new Result(false, false, "no linearization of " + writes);
  }

  private static final class Search {
    final List<Write> writes;
    final int mustPlace;
    final Set<BitSet> failed = new HashSet<>();
    int states;

    Search(List<Write> writes, int mustPlace) {
      this.writes = writes;
      this.mustPlace = mustPlace;
    }

    boolean dfs(BitSet placed, int version, int acknowledgedPlaced) {
      if (acknowledgedPlaced == mustPlace) {
        return true; // the unknown writes left may simply never have happened
      }
      if (++states > STATES_MAX || failed.contains(placed)) {
        return false;
      }
      long horizon = Long.MAX_VALUE; // nothing placed next may start after an open write finished
      for (int i = 0; i < writes.size(); i++) {
        if (!placed.get(i)) {
          horizon = Math.min(horizon, writes.get(i).respondedAt());
        }
      }
      for (int i = 0; i < writes.size(); i++) {
        Write w = writes.get(i);
        if (placed.get(i) || w.invokedAt() > horizon) {
          continue;
        }
        if (w.acknowledged() && w.version() != version + 1) {
          continue;
        }
        BitSet next = (BitSet) placed.clone();
        next.set(i);
        if (dfs(next, version + 1, acknowledgedPlaced + (w.acknowledged() ? 1 : 0))) {
          return true;
        }
      }
      failed.add((BitSet) placed.clone());
      return false;
    }
  }

  /**
   * The same verdict in O(n log n) for this model. Acknowledged writes have their place fixed by
   * the version they returned; so they must be distinct and respect real time among themselves. The
   * versions between them that no acknowledged write took must be filled by writes of unknown
   * outcome, each placed after every acknowledged write that finished before it started (an unknown
   * write never finished, so nothing else constrains it). Filling slots in increasing order with
   * any eligible write is optimal, since a write eligible for a slot is eligible for every later
   * one; so the check is: for each free slot, enough unknown writes are eligible.
   */
  static Result checkByVersions(List<Write> writes, int initialVersion) {
    List<Write> acked = new ArrayList<>();
    List<Write> unknown = new ArrayList<>();
    for (Write w : writes) {
      (w.acknowledged() ? acked : unknown).add(w);
    }
    acked.sort(java.util.Comparator.comparingInt(Write::version));
    int maxVersion = initialVersion;
    for (int i = 0; i < acked.size(); i++) {
      Write w = acked.get(i);
      if (w.version() <= initialVersion || (i > 0 && acked.get(i - 1).version() == w.version())) {
        return new Result(
            false, false, "version " + w.version() + " impossible or taken twice: " + w.label());
      }
      maxVersion = w.version();
    }
    // Real time among acknowledged writes: none may have finished before a lower version started.
    long earliestEnd = Long.MAX_VALUE;
    Write earliest = null;
    for (int i = acked.size() - 1; i >= 0; i--) {
      Write w = acked.get(i);
      if (earliestEnd < w.invokedAt()) {
        return new Result(
            false,
            false,
            earliest.label()
                + " finished before "
                + w.label()
                + " started but is ordered after it");
      }
      if (w.respondedAt() < earliestEnd) {
        earliestEnd = w.respondedAt();
        earliest = w;
      }
    }
    // For each unknown write, the highest version that finished before it started.
    int[] floor = new int[unknown.size()];
    for (int u = 0; u < unknown.size(); u++) {
      int f = initialVersion;
      for (Write a : acked) {
        if (a.respondedAt() < unknown.get(u).invokedAt()) {
          f = Math.max(f, a.version());
        }
      }
      floor[u] = f;
    }
    java.util.Arrays.sort(floor);
    java.util.Set<Integer> taken = new HashSet<>();
    for (Write a : acked) {
      taken.add(a.version());
    }
    int needed = 0;
    int eligible = 0;
    for (int slot = initialVersion + 1; slot <= maxVersion; slot++) {
      if (taken.contains(slot)) {
        continue;
      }
      needed++;
      while (eligible < floor.length && floor[eligible] < slot) {
        eligible++;
      }
      if (eligible < needed) {
        return new Result(
            false, false, "version " + slot + " was taken by no write that could have been there");
      }
    }
    return new Result(true, false, "linearizable");
  }

  /** Builds the writes of one key from client histories (failed writes never happened). */
  static List<Write> writesOfKey(List<ClientOp> ops, int key) {
    List<Write> out = new ArrayList<>();
    for (ClientOp op : ops) {
      if (op.read || op.key != key || op.outcome == ClientOp.Outcome.FAILED) {
        continue;
      }
      boolean ok = op.outcome == ClientOp.Outcome.OK;
      out.add(
          new Write(
              op.invokedAt,
              ok ? op.respondedAt : Long.MAX_VALUE,
              ok ? op.version : -1,
              ok,
              op.toString()));
    }
    return out;
  }
}
