package io.paddock.quorum.sim;

import io.paddock.quorum.core.Membership;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.Role;
import io.paddock.tree.DataTree;
import io.paddock.tree.TxnResult;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The safety properties, checked as things happen (so a failure points at the event that broke
 * them):
 *
 * <ul>
 *   <li>at most one leader per epoch;
 *   <li>committed histories agree: every server applies a prefix of one global sequence, in order,
 *       with no gaps, and every server computes the same result for each transaction;
 *   <li>an acknowledged write is that client's transaction at that zxid with that result, is on the
 *       disks of a quorum of participants when acknowledged, and stays there;
 *   <li>per-client FIFO: a client's writes are committed in the order it sent them;
 *   <li>a read returns the value of the last write at or before the zxid it reflects.
 * </ul>
 *
 * Clients check their own view (replies in order, zxids never backwards) and the final history is
 * judged by the {@link LinearizabilityChecker}.
 */
final class Invariants implements SimDisk.Listener {
  private final Membership membership;
  private final Map<Long, Long> leaderOfEpoch = new TreeMap<>();
  private final List<Txn> committed = new ArrayList<>();
  private final Map<Long, Integer> indexOfZxid = new HashMap<>();
  private final DataTree reference = TreeAdapter.newTree();
  private final List<TxnResult> results = new ArrayList<>();
  private final Map<Long, Integer> lastCxid = new HashMap<>();
  private final Map<Long, Integer> appliedCount = new HashMap<>();

  /** Per key, the zxids of its writes in commit order, with the value written. */
  private final Map<String, List<long[]>> writesByPath = new HashMap<>();

  private final Map<String, List<String>> valuesByPath = new HashMap<>();
  private final Map<Long, Set<Long>> durable = new HashMap<>();
  private final Map<Long, Integer> durableCount = new HashMap<>();
  private final Set<Long> acknowledged = new HashSet<>();
  long acknowledgedWrites;

  Invariants(Membership membership) {
    this.membership = membership;
  }

  void fail(String message) {
    throw new AssertionError(message);
  }

  List<Txn> committed() {
    return committed;
  }

  Map<Long, Long> leaders() {
    return leaderOfEpoch;
  }

  // ---- leaders
  // ----------------------------------------------------------------------------------------

  void onStatus(long server, PeerStatus status) {
    if (status.role() == Role.LEADING && status.epoch() >= 0) {
      Long previous = leaderOfEpoch.putIfAbsent(status.epoch(), server);
      if (previous != null && previous != server) {
        fail("two leaders of epoch " + status.epoch() + ": servers " + previous + " and " + server);
      }
    }
  }

  // ---- committed history
  // --------------------------------------------------------------------------

  void seed(List<Txn> txns) {
    for (Txn t : txns) {
      extendGlobal(t);
    }
  }

  void onRestart(long server, int applied) {
    appliedCount.put(server, applied);
  }

  void onSnapshotInstalled(long server, List<Txn> applied) {
    for (int i = 0; i < applied.size(); i++) {
      check(server, i, applied.get(i));
    }
    appliedCount.put(server, applied.size());
  }

  void onApply(long server, int index, Txn txn, TxnResult result) {
    int expected = appliedCount.getOrDefault(server, 0);
    if (index != expected) {
      fail("server " + server + " applied index " + index + " but had applied " + expected);
    }
    appliedCount.put(server, index + 1);
    check(server, index, txn);
    TxnResult ref = results.get(index);
    if (!TreeAdapter.sameOutcome(ref, result)) {
      fail(
          "server " + server + " computed " + result + " for " + txn + " but the reference " + ref);
    }
  }

  private void check(long server, int index, Txn txn) {
    if (index < committed.size()) {
      Txn global = committed.get(index);
      if (!sameTxn(global, txn)) {
        fail(
            "server "
                + server
                + " applied "
                + describe(txn)
                + " at position "
                + index
                + " where another server applied "
                + describe(global));
      }
      return;
    }
    if (index != committed.size()) {
      fail("server " + server + " skipped to position " + index + " of " + committed.size());
    }
    extendGlobal(txn);
  }

  private void extendGlobal(Txn txn) {
    if (!committed.isEmpty() && committed.get(committed.size() - 1).zxid() >= txn.zxid()) {
      fail(
          "committed zxids go backwards: "
              + describe(txn)
              + " after "
              + describe(committed.get(committed.size() - 1)));
    }
    if (txn.sessionId() != 0) {
      Integer before = lastCxid.put(txn.sessionId(), txn.cxid());
      if (before != null && before >= txn.cxid()) {
        fail(
            "client session "
                + txn.sessionId()
                + " committed cxid "
                + txn.cxid()
                + " after "
                + before
                + " (FIFO)");
      }
    }
    indexOfZxid.put(txn.zxid(), committed.size());
    committed.add(txn);
    results.add(reference.apply(txn));
    // Keys are created once (version 0) and then only overwritten: the i-th write is version i.
    String path = null;
    byte[] data = null;
    if (txn.op() instanceof TxnOp.SetData set) {
      path = set.path();
      data = set.data();
    } else if (txn.op() instanceof TxnOp.Create create) {
      path = create.path();
      data = create.data();
    }
    if (path != null) {
      writesByPath.computeIfAbsent(path, p -> new ArrayList<>()).add(new long[] {txn.zxid()});
      valuesByPath
          .computeIfAbsent(path, p -> new ArrayList<>())
          .add(new String(data, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  static boolean sameTxn(Txn a, Txn b) {
    return a.zxid() == b.zxid()
        && a.sessionId() == b.sessionId()
        && a.cxid() == b.cxid()
        && a.timeMs() == b.timeMs()
        && sameOp(a.op(), b.op());
  }

  private static boolean sameOp(TxnOp a, TxnOp b) {
    if (a instanceof TxnOp.SetData x && b instanceof TxnOp.SetData y) {
      return x.path().equals(y.path())
          && Arrays.equals(x.data(), y.data())
          && x.version() == y.version();
    }
    if (a instanceof TxnOp.Create x && b instanceof TxnOp.Create y) {
      return x.path().equals(y.path()) && Arrays.equals(x.data(), y.data());
    }
    return a.equals(b);
  }

  static String describe(Txn t) {
    String what =
        t.op() instanceof TxnOp.SetData s
            ? s.path() + "=" + new String(s.data(), java.nio.charset.StandardCharsets.UTF_8)
            : t.op().getClass().getSimpleName();
    return "0x"
        + Long.toHexString(t.zxid())
        + "(s"
        + t.sessionId()
        + "/"
        + t.cxid()
        + " "
        + what
        + ")";
  }

  // ---- acknowledged writes
  // ---------------------------------------------------------------------------

  void onAcknowledged(ClientOp op) {
    acknowledgedWrites++;
    Integer index = indexOfZxid.get(op.zxid);
    if (index == null) {
      fail("acknowledged " + op + " is not in the committed history");
    }
    Txn txn = committed.get(index);
    if (txn.sessionId() != op.sessionId || txn.cxid() != op.cxid) {
      fail(
          "acknowledged "
              + op
              + " but zxid 0x"
              + Long.toHexString(op.zxid)
              + " is "
              + describe(txn));
    }
    int version = TreeAdapter.setDataVersion(results.get(index));
    if (version != op.version) {
      fail(
          "acknowledged "
              + op
              + " with version "
              + op.version
              + " but the reference says "
              + version);
    }
    int count = durableCount.getOrDefault(op.zxid, 0);
    if (count < membership.quorumSize()) {
      fail("acknowledged " + op + " is on the disks of only " + count + " participants");
    }
    acknowledged.add(op.zxid);
  }

  @Override
  public void added(long server, List<Long> zxids) {
    if (!membership.isParticipant(server)) {
      return;
    }
    Set<Long> mine = durable.computeIfAbsent(server, s -> new HashSet<>());
    for (long z : zxids) {
      if (mine.add(z)) {
        durableCount.merge(z, 1, Integer::sum);
      }
    }
  }

  @Override
  public void removed(long server, List<Long> zxids) {
    if (!membership.isParticipant(server)) {
      return;
    }
    Set<Long> mine = durable.computeIfAbsent(server, s -> new HashSet<>());
    for (long z : zxids) {
      if (mine.remove(z)) {
        int left = durableCount.merge(z, -1, Integer::sum);
        if (left < membership.quorumSize() && acknowledged.contains(z)) {
          fail(
              "acknowledged write 0x"
                  + Long.toHexString(z)
                  + " left server "
                  + server
                  + "'s disk and is now on only "
                  + left
                  + " participants");
        }
      }
    }
  }

  // ---- reads
  // ------------------------------------------------------------------------------------------

  void onRead(ClientOp op) {
    String path = Simulation.path(op.key);
    List<long[]> writes = writesByPath.get(path);
    List<String> values = valuesByPath.get(path);
    String expected = null;
    int version = -1;
    if (writes != null) {
      for (int i = writes.size() - 1; i >= 0; i--) {
        if (writes.get(i)[0] <= op.zxid) {
          expected = values.get(i);
          version = i;
          break;
        }
      }
    }
    if (expected == null || !expected.equals(op.readValue) || version != op.version) {
      fail(
          "read "
              + op
              + " but at that zxid "
              + path
              + " held "
              + expected
              + " (version "
              + version
              + ")");
    }
  }
}
