package io.paddock.quorum.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fault phase of a run: at random intervals, one of the scenario's fault kinds — crash a server
 * (restart it later), pause one (resume later), cut one link, isolate a server, or split the
 * ensemble in two — each undone after a random while, cut links one at a time in random order.
 */
final class Faults {
  private final Simulation sim;

  Faults(Simulation sim) {
    this.sim = sim;
  }

  // ---- faults
  // ---------------------------------------------------------------------------------------

  void fault() {
    if (!sim.faultsOn()) {
      return;
    }
    List<Runnable> kinds = new ArrayList<>();
    if (sim.scenario().crashes()) {
      kinds.add(this::crashOne);
    }
    if (sim.scenario().pauses()) {
      kinds.add(this::pauseOne);
    }
    if (sim.scenario().linkCuts()) {
      kinds.add(this::cutOneLink);
    }
    if (sim.scenario().partitions()) {
      kinds.add(this::isolateOne);
      kinds.add(this::partition);
    }
    kinds.get(sim.random().nextInt(kinds.size())).run();
    int interval = sim.scenario().faultIntervalUnits();
    sim.at(sim.now() + interval / 2 + sim.random().nextInt(interval + 1), "fault", this::fault);
  }

  private SimServer anyServer() {
    return sim.server(sim.serverIds().get(sim.random().nextInt(sim.serverIds().size())));
  }

  private void crashOne() {
    SimServer s = anyServer();
    if (!s.isUp()) {
      return;
    }
    s.crash();
    for (long other : sim.serverIds()) {
      if (other != s.id) {
        maybeReportDisconnect(other, s.id);
      }
    }
    sim.at(sim.now() + 30 + sim.random().nextInt(400), "restart " + s.id, () -> restart(s));
  }

  private void restart(SimServer s) {
    if (!s.isUp()) {
      s.boot();
    }
  }

  private void pauseOne() {
    SimServer s = anyServer();
    s.pause();
    sim.at(sim.now() + 20 + sim.random().nextInt(150), "resume " + s.id, s::resume);
  }

  private void cutOneLink() {
    long a = anyServer().id;
    long b = anyServer().id;
    if (a != b) {
      cut(a, b);
      restoreLater(a, b, 300);
    }
  }

  /**
   * A real transport sees a crashed peer's socket close (its kernel closes it) and a cut link time
   * out or reset, and reports it; sometimes it never notices. Half of the time, a little later, the
   * survivor hears of it.
   */
  private void maybeReportDisconnect(long at, long peer) {
    if (sim.random().nextBoolean()) {
      SimServer s = sim.server(at);
      sim.at(
          sim.now() + 1 + sim.random().nextInt(5),
          "disconnect " + at + "<-" + peer,
          () -> s.peerDisconnected(peer));
    }
  }

  private void cut(long a, long b) {
    sim.network().cut(a, b);
    maybeReportDisconnect(a, b);
    maybeReportDisconnect(b, a);
  }

  private void restoreLater(long a, long b, int maxUnits) {
    sim.at(
        sim.now() + 20 + sim.random().nextInt(maxUnits),
        "restore " + a + "-" + b,
        () -> sim.network().restore(a, b));
  }

  private void isolateOne() {
    long a = anyServer().id;
    for (long b : sim.serverIds()) {
      if (a != b) {
        cut(a, b);
        restoreLater(a, b, 300); // links come back one at a time, in random order
      }
    }
  }

  private void partition() {
    Set<Long> side = new HashSet<>();
    for (long id : sim.serverIds()) {
      if (sim.random().nextBoolean()) {
        side.add(id);
      }
    }
    for (long a : sim.serverIds()) {
      for (long b : sim.serverIds()) {
        if (a < b && side.contains(a) != side.contains(b)) {
          cut(a, b);
          restoreLater(a, b, 300);
        }
      }
    }
  }
}
