package io.paddock.quorum.sim;

import io.paddock.quorum.core.Envelope;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated network between servers: each message is delayed a few time units, and with the
 * scenario's probabilities dropped, duplicated or delayed a lot (which reorders it). Links can be
 * cut (both directions) and restored; a message in flight on a link cut before it arrives is lost.
 * A SNAP sync carries the leader's snapshot, as the real transport streams it after the message.
 */
final class SimNetwork {
  record Packet(Envelope envelope, SimSnapshot snapshot) {}

  private final Simulation sim;
  private final Set<Long> cut = new TreeSet<>();
  private double dropRate;
  private double duplicateRate;
  private double reorderRate;
  long sent;
  long dropped;

  SimNetwork(Simulation sim, Scenario scenario) {
    this.sim = sim;
    this.dropRate = scenario.dropRate();
    this.duplicateRate = scenario.duplicateRate();
    this.reorderRate = scenario.reorderRate();
  }

  private static long link(long a, long b) {
    return Math.min(a, b) * 1_000_003L + Math.max(a, b);
  }

  boolean isCut(long a, long b) {
    return cut.contains(link(a, b));
  }

  void cut(long a, long b) {
    cut.add(link(a, b));
  }

  void restore(long a, long b) {
    cut.remove(link(a, b));
  }

  int cutCount() {
    return cut.size();
  }

  /** Restores every link and stops dropping, duplicating and reordering. */
  void heal() {
    cut.clear();
    dropRate = 0;
    duplicateRate = 0;
    reorderRate = 0;
  }

  void send(Packet packet) {
    sent++;
    Envelope e = packet.envelope();
    if (isCut(e.from(), e.to()) || sim.random().nextDouble() < dropRate) {
      dropped++;
      return;
    }
    deliverLater(packet);
    if (sim.random().nextDouble() < duplicateRate) {
      deliverLater(packet);
    }
  }

  private void deliverLater(Packet packet) {
    long delay = 1L + sim.random().nextInt(4);
    if (sim.random().nextDouble() < reorderRate) {
      delay += sim.random().nextInt(40);
    }
    Envelope e = packet.envelope();
    sim.at(
        sim.now() + delay,
        e,
        () -> {
          if (isCut(e.from(), e.to())) {
            dropped++;
          } else {
            sim.server(e.to()).receive(packet);
          }
        });
  }
}
