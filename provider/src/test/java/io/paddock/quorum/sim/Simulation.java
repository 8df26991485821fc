package io.paddock.quorum.sim;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.quorum.core.Membership;
import io.paddock.quorum.core.Role;
import io.paddock.tree.DataTree;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import io.paddock.txn.Zxid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A whole ensemble on one thread, driven by a seed: servers (Zab peer + data tree + disk), clients,
 * the network and the clock. A run has a fault phase (crashes with lost or torn unsynced writes,
 * pauses, link cuts, isolated servers, partitions healed one link at a time, drops, duplicates,
 * reordering), then heals everything and checks liveness: a leader within a bounded number of
 * ticks, every server serving, and a write from every client committed. Safety is checked after
 * every event by {@link Invariants}, and the client history by {@link LinearizabilityChecker}.
 */
final class Simulation {
  /** How long after healing a leader must serve with every server synced. */
  static final int LIVENESS_TICKS = 100;

  /** How long after that every client's final write must be acknowledged. */
  static final int FINAL_WRITE_TICKS = 80;

  private static final int TRACE_MAX = 400;

  private record Event(long time, long seq, Object label, Runnable action) {}

  /** What a run did, for reports. */
  record Stats(
      long events,
      long committed,
      long acknowledged,
      long leaders,
      long messages,
      long dropped,
      long ticksToLeader,
      long unknownWrites,
      long syncedReads,
      long snapshotsInstalled,
      long truncations) {}

  private final Scenario scenario;
  private final SplittableRandom random;
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(Comparator.comparingLong(Event::time).thenComparingLong(Event::seq));
  private final Membership membership;
  private final Invariants invariants;
  private final SimNetwork network;
  private final Map<Long, SimServer> servers = new TreeMap<>();
  private final List<Long> serverIds = new ArrayList<>();
  private final List<SimClient> clients = new ArrayList<>();
  private final Object[] trace = new Object[TRACE_MAX];
  private final long[] traceTime = new long[TRACE_MAX];
  private long now;
  private long seq;
  private long events;
  private boolean faults = true;

  /** {@code -Dsim.trace=true} prints every event (for replaying one seed). */
  private final boolean printTrace = Boolean.getBoolean("sim.trace");

  Simulation(Scenario scenario) {
    this.scenario = scenario;
    this.random = new SplittableRandom(scenario.seed());
    List<Long> participants = new ArrayList<>();
    List<Long> observers = new ArrayList<>();
    for (long id = 1; id <= scenario.participants(); id++) {
      participants.add(id);
    }
    for (int i = 1; i <= scenario.observers(); i++) {
      observers.add((long) scenario.participants() + i);
    }
    this.membership = new Membership(participants, observers);
    this.invariants = new Invariants(membership);
    this.network = new SimNetwork(this, scenario);
  }

  // ---- services for the parts ------------------------------------------------------------------

  Scenario scenario() {
    return scenario;
  }

  SplittableRandom random() {
    return random;
  }

  long now() {
    return now;
  }

  Invariants invariants() {
    return invariants;
  }

  SimNetwork network() {
    return network;
  }

  SimServer server(long id) {
    return servers.get(id);
  }

  List<Long> serverIds() {
    return serverIds;
  }

  SimClient client(int index) {
    return clients.get(index);
  }

  void at(long time, Object label, Runnable action) {
    queue.add(new Event(Math.max(time, now), seq++, label, action));
  }

  static String path(int key) {
    return "/k" + key;
  }

  static TxnOp setData(int key, String value) {
    return new TxnOp.SetData(path(key), value.getBytes(StandardCharsets.UTF_8), -1);
  }

  static DataTree replay(List<Txn> txns) {
    DataTree tree = TreeAdapter.newTree();
    for (Txn t : txns) {
      tree.apply(t);
    }
    return tree;
  }

  // ---- the run
  // ----------------------------------------------------------------------------------------

  Stats run() {
    try {
      return runUnchecked();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(failureReport(e.getMessage()), e);
    }
  }

  private String failureReport(String message) {
    StringBuilder b = new StringBuilder();
    b.append("simulation failed: ").append(message).append('\n');
    b.append("  ").append(scenario).append('\n');
    b.append("  replay: mvn -pl provider -am test -Dtest=SimulationTest -Dsim.seed=")
        .append(scenario.seed())
        .append(" -Dsurefire.failIfNoSpecifiedTests=false\n");
    b.append("  at time ").append(now).append(", event ").append(events).append('\n');
    for (SimServer s : servers.values()) {
      b.append("  server ")
          .append(s.id)
          .append(s.isUp() ? "" : " DOWN")
          .append(s.isPaused() ? " PAUSED" : "");
      b.append(": ").append(s.peer()).append('\n');
    }
    b.append("  last events:\n");
    long first = Math.max(0, events - TRACE_MAX);
    for (long i = first; i < events; i++) {
      int slot = (int) (i % TRACE_MAX);
      b.append("    t=").append(traceTime[slot]).append(' ').append(trace[slot]).append('\n');
    }
    return b.toString();
  }

  private Stats runUnchecked() {
    List<Txn> seeds = new ArrayList<>();
    for (int k = 0; k < scenario.keys(); k++) {
      seeds.add(
          new Txn(
              Zxid.of(0, k + 1L),
              0,
              0,
              0,
              List.of(),
              new TxnOp.Create(
                  path(k), new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0)));
    }
    invariants.seed(seeds);
    SimSnapshot initial = new SimSnapshot(seeds.get(seeds.size() - 1).zxid(), seeds);
    List<Long> ids = new ArrayList<>(membership.participants());
    ids.addAll(membership.observers());
    for (long id : ids) {
      serverIds.add(id);
      servers.put(id, new SimServer(id, this, scenario.peerConfig(id, membership), initial));
    }
    for (SimServer s : servers.values()) {
      s.boot();
      long period = Scenario.TICK_UNITS - 1L + random.nextInt(3); // clocks drift a little
      scheduleTicks(s, 1 + random.nextInt(Scenario.TICK_UNITS), period);
      scheduleSnapshots(s);
    }
    for (int i = 0; i < scenario.clients(); i++) {
      SimClient c = new SimClient(i, this);
      clients.add(c);
      scheduleClient(c, 30 + random.nextInt(20));
    }
    long faultEnd = (long) scenario.faultPhaseTicks() * Scenario.TICK_UNITS;
    if (scenario.crashes() || scenario.pauses() || scenario.partitions() || scenario.linkCuts()) {
      Faults injector = new Faults(this);
      at(scenario.faultIntervalUnits(), "fault", injector::fault);
    }
    runUntil(faultEnd);
    heal();
    long ticksToLeader = awaitLeader(now + (long) LIVENESS_TICKS * Scenario.TICK_UNITS);
    finalWrites(now + (long) FINAL_WRITE_TICKS * Scenario.TICK_UNITS);
    runUntil(now + 20L * Scenario.TICK_UNITS);
    finalChecks();
    long unknown = 0;
    long synced = 0;
    for (SimClient c : clients) {
      for (ClientOp op : c.history()) {
        if (op.outcome == ClientOp.Outcome.UNKNOWN || op.outcome == ClientOp.Outcome.PENDING) {
          unknown++;
        }
        if (op.synced && op.outcome == ClientOp.Outcome.OK) {
          synced++;
        }
      }
    }
    long snapshots = 0;
    long truncations = 0;
    for (SimServer s : servers.values()) {
      snapshots += s.snapshotsInstalled;
      truncations += s.truncations;
    }
    return new Stats(
        events,
        invariants.committed().size() - seeds.size(),
        invariants.acknowledgedWrites,
        invariants.leaders().size(),
        network.sent,
        network.dropped,
        ticksToLeader,
        unknown,
        synced,
        snapshots,
        truncations);
  }

  private void runUntil(long end) {
    while (!queue.isEmpty() && queue.peek().time() <= end) {
      step();
    }
    now = Math.max(now, end);
  }

  private void step() {
    Event e = queue.poll();
    now = e.time();
    int slot = (int) (events % TRACE_MAX);
    trace[slot] = e.label();
    traceTime[slot] = now;
    events++;
    if (printTrace) {
      System.out.println("t=" + now + " " + e.label());
    }
    e.action().run();
  }

  private void scheduleTicks(SimServer s, long first, long period) {
    at(
        first,
        s.tickLabel(),
        () -> {
          s.tick();
          scheduleTicks(s, now + period, period);
        });
  }

  private void scheduleSnapshots(SimServer s) {
    at(
        now + 100 + random.nextInt(300),
        "snapshot " + s.id,
        () -> {
          s.snapshotLocally();
          scheduleSnapshots(s);
        });
  }

  private void scheduleClient(SimClient c, long delay) {
    at(
        now + delay,
        c.label,
        () -> {
          c.step();
          scheduleClient(c, 3 + random.nextInt(8));
        });
  }

  /** True until the ensemble is healed. */
  boolean faultsOn() {
    return faults;
  }

  private void heal() {
    faults = false;
    network.heal();
    for (SimServer s : servers.values()) {
      if (!s.isUp()) {
        s.boot();
      }
      s.resume();
    }
  }

  // ---- liveness
  // ----------------------------------------------------------------------------------------

  private boolean allServing() {
    int leaders = 0;
    for (SimServer s : servers.values()) {
      if (!s.available() || !s.status().serving()) {
        return false;
      }
      if (s.status().role() == Role.LEADING) {
        leaders++;
      }
    }
    return leaders == 1;
  }

  private long awaitLeader(long deadline) {
    long start = now;
    while (!allServing()) {
      if (queue.isEmpty() || queue.peek().time() > deadline) {
        invariants.fail(
            "liveness: no leader with every server synced within "
                + LIVENESS_TICKS
                + " ticks after healing");
      }
      step();
    }
    return (now - start) / Scenario.TICK_UNITS;
  }

  private void finalWrites(long deadline) {
    for (SimClient c : clients) {
      c.active = false;
    }
    List<ClientOp> finals = new ArrayList<>();
    Set<Integer> done = new HashSet<>();
    while (done.size() < clients.size()) {
      if (queue.isEmpty() || queue.peek().time() > deadline) {
        invariants.fail(
            "liveness: after healing, the writes of clients "
                + clientsNotDone(done)
                + " did not complete within "
                + FINAL_WRITE_TICKS
                + " ticks: "
                + finals);
      }
      step();
      for (SimClient c : clients) {
        if (done.contains(c.index) || !c.idle()) {
          continue;
        }
        ClientOp last = c.history().isEmpty() ? null : c.history().get(c.history().size() - 1);
        if (last != null && finals.contains(last) && last.outcome == ClientOp.Outcome.OK) {
          done.add(c.index);
        } else if (c.writeNow()) {
          finals.add(c.history().get(c.history().size() - 1));
        }
      }
    }
  }

  private List<Integer> clientsNotDone(Set<Integer> done) {
    List<Integer> out = new ArrayList<>();
    for (SimClient c : clients) {
      if (!done.contains(c.index)) {
        out.add(c.index);
      }
    }
    return out;
  }

  private void finalChecks() {
    Set<Long> committedIds = new HashSet<>();
    for (Txn t : invariants.committed()) {
      committedIds.add(t.sessionId() * 1_000_000L + t.cxid());
    }
    List<ClientOp> all = new ArrayList<>();
    for (SimClient c : clients) {
      for (ClientOp op : c.history()) {
        all.add(op);
        if (op.outcome == ClientOp.Outcome.PENDING) {
          op.outcome = ClientOp.Outcome.UNKNOWN;
        }
        if (!op.read
            && op.outcome == ClientOp.Outcome.FAILED
            && committedIds.contains(op.sessionId * 1_000_000L + op.cxid)) {
          invariants.fail("a write refused to its client was committed: " + op);
        }
      }
    }
    for (int k = 0; k < scenario.keys(); k++) {
      LinearizabilityChecker.Result r =
          LinearizabilityChecker.checkByVersions(LinearizabilityChecker.writesOfKey(all, k), 0);
      if (!r.linearizable()) {
        invariants.fail("key " + path(k) + ": " + r.explanation());
      }
    }
    long last = invariants.committed().get(invariants.committed().size() - 1).zxid();
    for (SimServer s : servers.values()) {
      if (s.appliedZxid() != last) {
        invariants.fail(
            "server "
                + s.id
                + " applied up to 0x"
                + Long.toHexString(s.appliedZxid())
                + " while 0x"
                + Long.toHexString(last)
                + " is committed, in a healed, quiet ensemble");
      }
    }
  }
}
