package io.paddock.quorum.sim;

import io.paddock.quorum.core.ProposeResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client session: connects to one server at a time (never to one behind what it has seen),
 * pipelines up to two writes of unique values, reads in between, and gives up on a request after a
 * timeout (then its outcome is unknown). It checks what a ZooKeeper client may rely on: replies in
 * the order sent, and zxids that never go backwards.
 */
final class SimClient {
  static final int PIPELINE_MAX = 2;
  static final long TIMEOUT_UNITS = 40L * Scenario.TICK_UNITS;

  final int index;
  final long sessionId;
  private final Simulation sim;
  private final ArrayDeque<ClientOp> outstanding = new ArrayDeque<>();
  private final List<ClientOp> history = new ArrayList<>();
  private long serverId = -1;
  private int serverIncarnation;
  private int nextCxid = 1;
  private long maxZxidSeen;
  boolean active = true;

  final String label;

  SimClient(int index, Simulation sim) {
    this.label = "client " + index;
    this.index = index;
    this.sessionId = 0x1000L + index;
    this.sim = sim;
  }

  List<ClientOp> history() {
    return history;
  }

  boolean idle() {
    return outstanding.isEmpty();
  }

  /** Called every few time units: time out, (re)connect, maybe issue a request. */
  void step() {
    ClientOp oldest = outstanding.peek();
    if (oldest != null && sim.now() - oldest.invokedAt > TIMEOUT_UNITS) {
      disconnect(ClientOp.Outcome.UNKNOWN);
      return;
    }
    if (!connected()) {
      disconnect(ClientOp.Outcome.UNKNOWN);
      connect();
      return;
    }
    if (!active || outstanding.size() >= PIPELINE_MAX) {
      return;
    }
    if (!outstanding.isEmpty() && outstanding.peekLast().read) {
      // A sync's completion and the commit of a write sent after it come back in either order;
      // keeping one session's replies in order across them is the server's job (SessionOrder).
      return;
    }
    if (outstanding.isEmpty() && sim.random().nextInt(4) == 0) {
      if (sim.random().nextBoolean()) {
        read();
      } else {
        syncThenRead();
      }
    } else {
      write();
    }
  }

  /** True while the server we connected to runs (not crashed and rebooted since). */
  private boolean connected() {
    if (serverId < 0) {
      return false;
    }
    SimServer s = sim.server(serverId);
    return s.available() && s.incarnation() == serverIncarnation;
  }

  private void connect() {
    List<Long> ids = sim.serverIds();
    SimServer s = sim.server(ids.get(sim.random().nextInt(ids.size())));
    // A server behind what this client has seen refuses it (ZooKeeper does the same).
    if (s.available() && s.appliedZxid() >= maxZxidSeen) {
      serverId = s.id;
      serverIncarnation = s.incarnation();
    }
  }

  private void disconnect(ClientOp.Outcome outcome) {
    for (ClientOp op : outstanding) {
      op.outcome = outcome;
    }
    outstanding.clear();
    serverId = -1;
  }

  /** Issues one write that must succeed (liveness check); false if it could not be sent. */
  boolean writeNow() {
    if (!connected() || !outstanding.isEmpty()) {
      return false;
    }
    write();
    return true;
  }

  private void write() {
    int cxid = nextCxid++;
    int key = sim.random().nextInt(sim.scenario().keys());
    ClientOp op =
        new ClientOp(index, sessionId, cxid, key, "c" + index + "." + cxid, false, sim.now());
    history.add(op);
    outstanding.add(op);
    ProposeResult.Outcome r = sim.server(serverId).submit(op);
    if (r == ProposeResult.Outcome.NOT_READY || r == ProposeResult.Outcome.BUSY) {
      // Refused before it was proposed: definitely not applied. The connection is dropped, as
      // ZooKeeper does, so the outstanding writes before it cannot be answered after it.
      outstanding.remove(op);
      op.outcome = ClientOp.Outcome.FAILED;
      op.respondedAt = sim.now();
      disconnect(ClientOp.Outcome.UNKNOWN);
    }
  }

  /** A sync, then (when it completes) a read on the same server: ZooKeeper's fresh read. */
  private void syncThenRead() {
    ClientOp op =
        new ClientOp(
            index,
            sessionId,
            nextCxid++,
            sim.random().nextInt(sim.scenario().keys()),
            null,
            true,
            sim.now());
    op.synced = true;
    history.add(op);
    outstanding.add(op);
    if (!sim.server(serverId).sync(op)) {
      outstanding.remove(op);
      op.outcome = ClientOp.Outcome.FAILED;
      disconnect(ClientOp.Outcome.UNKNOWN);
    }
  }

  /** Our sync completed at {@code zxid}: read now; the read must reflect at least that. */
  void synced(long server, ClientOp op, long zxid) {
    if (server != serverId || outstanding.peek() != op) {
      return;
    }
    outstanding.poll();
    sim.server(serverId).read(op);
    op.respondedAt = sim.now();
    op.outcome = ClientOp.Outcome.OK;
    if (op.zxid < zxid) {
      sim.invariants()
          .fail("read after a sync at 0x" + Long.toHexString(zxid) + " is older: " + op);
    }
    seen(op.zxid, op);
    sim.invariants().onRead(op);
  }

  private void read() {
    ClientOp op =
        new ClientOp(
            index,
            sessionId,
            nextCxid++,
            sim.random().nextInt(sim.scenario().keys()),
            null,
            true,
            sim.now());
    history.add(op);
    sim.server(serverId).read(op);
    op.respondedAt = sim.now();
    op.outcome = ClientOp.Outcome.OK;
    seen(op.zxid, op);
    sim.invariants().onRead(op);
  }

  private void seen(long zxid, ClientOp op) {
    if (zxid < maxZxidSeen) {
      sim.invariants()
          .fail(
              "client "
                  + index
                  + " saw zxid 0x"
                  + Long.toHexString(zxid)
                  + " after 0x"
                  + Long.toHexString(maxZxidSeen)
                  + ": "
                  + op);
    }
    maxZxidSeen = zxid;
  }

  /** The server applied one of our writes. */
  void written(long server, ClientOp op, long zxid, int version) {
    if (server != serverId || !outstanding.contains(op)) {
      return; // we gave up on it or moved to another server: the reply is lost with the connection
    }
    if (outstanding.peek() != op) {
      sim.invariants()
          .fail(
              "client "
                  + index
                  + " got a reply out of order: "
                  + op
                  + " before "
                  + outstanding.peek());
    }
    outstanding.poll();
    op.outcome = ClientOp.Outcome.OK;
    op.respondedAt = sim.now();
    op.zxid = zxid;
    op.version = version;
    seen(zxid, op);
    sim.invariants().onAcknowledged(op);
  }

  /** Our server dropped the connection (role change, crash): outcomes unknown. */
  void connectionLost(long server) {
    if (server == serverId) {
      disconnect(ClientOp.Outcome.UNKNOWN);
    }
  }
}
