package io.paddock.client;

import io.paddock.api.ClientConfig;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import io.paddock.client.ConnectionStateMachine.Input;
import io.paddock.client.ConnectionStateMachine.State;
import io.paddock.client.ConnectionStateMachine.Transition;
import io.paddock.wire.ClientCodec;
import io.paddock.wire.ConnectCodec;
import io.paddock.wire.ConnectRequest;
import io.paddock.wire.ConnectResponse;
import io.paddock.wire.JuteInput;
import io.paddock.wire.OpCode;
import io.paddock.wire.ReplyHeader;
import io.paddock.wire.Request;
import io.paddock.wire.RequestHeader;
import io.paddock.wire.Response;
import io.paddock.wire.WatcherEvent;
import io.paddock.wire.WireFormatException;
import io.paddock.wire.Xid;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The client's I/O thread: connects, handshakes, writes the outbox, reads replies and events,
 * pings, detects dead connections, reconnects with the last zxid seen, re-attaches the session,
 * re-sends credentials and watches, and ends the client on expiry, auth failure or close. The only
 * thread that touches the socket, the pending requests and the state machine.
 *
 * <p>Timers (all measured with {@link System#nanoTime}): one connection attempt (TCP connect plus
 * handshake) may take {@code connectTimeoutMs}; once connected, a ping goes out after a third of
 * the negotiated timeout without sending, and two thirds without receiving any frame mean the
 * connection is dead; with {@code requestTimeoutMs} set, an unanswered request older than that
 * fails with REQUEST_TIMEOUT and the connection is treated as lost.
 */
final class IoLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(IoLoop.class.getName());
  private static final byte[] PING_FRAME =
      ClientCodec.encodeRequest(new RequestHeader(Xid.PING, OpCode.PING), new Request.Ping());

  /**
   * A credential the session has presented; re-sent after every reconnect.
   *
   * @param scheme the auth scheme
   * @param auth the credential bytes
   */
  record Credential(String scheme, byte[] auth) {
    byte[] frame() {
      return ClientCodec.encodeRequest(
          new RequestHeader(Xid.AUTH, OpCode.AUTH), new Request.Auth(0, scheme, auth));
    }

    boolean sameAs(Credential other) {
      return scheme.equals(other.scheme) && Arrays.equals(auth, other.auth);
    }
  }

  /** An auth frame on the wire; {@code call} is null for re-sent credentials. */
  private record InFlightAuth(Call<?> call) {}

  private final ClientConfig config;
  private final ClientTuning tuning;
  private final HostList hosts;
  private final Backoff backoff;
  private final Chroot chroot;
  private final Outbox outbox;
  private final ClientWatchRegistry watches;
  private final EventDispatcher events;
  private final ConnectionStateMachine machine;
  private final SessionState session;
  private final Selector selector;
  private final PendingRequests pending = new PendingRequests();
  private final ArrayDeque<InFlightAuth> authInFlight = new ArrayDeque<>();
  private final List<Credential> credentials = new ArrayList<>();

  private FrameChannel channel;
  private boolean handshakeDone;
  private long attemptDeadlineNanos;
  private long lastSendNanos;
  private long lastRecvNanos;
  private long readTimeoutNanos;
  private long pingIntervalNanos;
  private long nextAttemptNanos;
  private int failures;
  private long lastZxid;
  private String lastFailure = "no connection attempted yet";

  private volatile boolean closeRequested;
  private volatile boolean forceStop;
  private volatile Call<?> closeCall;
  private boolean closing;
  private long closeDeadlineNanos;
  private boolean finished;

  IoLoop(
      ClientConfig config,
      ClientTuning tuning,
      ConnectString connectString,
      Outbox outbox,
      ClientWatchRegistry watches,
      EventDispatcher events,
      ConnectionStateMachine machine,
      SessionState session,
      Selector selector) {
    this.config = config;
    this.tuning = tuning;
    this.hosts = new HostList(connectString.hosts(), tuning.random());
    this.backoff = new Backoff(tuning.backoffBaseMs(), tuning.backoffMaxMs(), tuning.random());
    this.chroot = new Chroot(connectString.chroot());
    this.outbox = outbox;
    this.watches = watches;
    this.events = events;
    this.machine = machine;
    this.session = session;
    this.selector = selector;
  }

  /** Asks the loop to close the session, sending {@code call} (closeSession) if connected. */
  void requestClose(Call<?> call) {
    closeCall = call;
    closeRequested = true;
    selector.wakeup();
  }

  /** Stops at once without waiting for the server (close was interrupted). */
  void forceStop() {
    forceStop = true;
    closeRequested = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (!finished) {
        long now = System.nanoTime();
        onTimers(now);
        if (finished) {
          break;
        }
        // Write before sleeping: a ping or request queued by the timers must not wait for select.
        pumpOutbox(now);
        flush();
        if (finished) {
          break;
        }
        selector.select(waitMs(now));
        onReady(System.nanoTime());
      }
    } catch (IOException | RuntimeException | Error e) {
      LOG.log(Level.ERROR, "paddock client I/O thread failed; the client is closed", e);
      crash(e);
    } finally {
      closeChannel();
      try {
        selector.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing the selector failed", e);
      }
      events.shutdown();
    }
  }

  // ---- timers ---------------------------------------------------------------------------------

  private void onTimers(long now) {
    if (closeRequested && !closing) {
      beginClose(now);
    }
    if (closing && (forceStop || now - closeDeadlineNanos >= 0)) {
      finishClose(forceStop ? "close was interrupted" : "closeSession got no reply in time");
    }
    if (finished) {
      return;
    }
    if (!handshakeDone) {
      failOverdueQueued(now);
      if (channel == null && now - nextAttemptNanos >= 0) {
        startAttempt(now);
      } else if (channel != null && now - attemptDeadlineNanos >= 0) {
        connectionLost(
            now,
            "no session established with "
                + channel.remote()
                + " within connectTimeoutMs="
                + config.connectTimeoutMs());
      }
      return;
    }
    if (now - lastRecvNanos >= readTimeoutNanos) {
      connectionLost(
          now,
          "nothing received from "
              + channel.remote()
              + " for "
              + TimeUnit.NANOSECONDS.toMillis(now - lastRecvNanos)
              + " ms (read timeout: 2/3 of the negotiated session timeout)");
      return;
    }
    Call<?> oldest = pending.oldest();
    long requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
    if (oldest != null
        && requestTimeoutNanos > 0
        && now - oldest.sentNanos() >= requestTimeoutNanos) {
      Call<?> late = pending.pollOldest();
      String why = late + " got no reply within requestTimeoutMs=" + config.requestTimeoutMs();
      late.fail(Errors.because(ErrorCode.REQUEST_TIMEOUT, late.clientPath(), why), events);
      connectionLost(now, why);
      return;
    }
    if (now - lastSendNanos >= pingIntervalNanos) {
      send(PING_FRAME, now);
    }
  }

  /**
   * How long select may sleep: until the nearest timer, computed as differences (nanoTime wraps).
   */
  private long waitMs(long now) {
    long nanos;
    if (closing) {
      nanos = closeDeadlineNanos - now;
    } else if (!handshakeDone) {
      nanos = (channel == null ? nextAttemptNanos : attemptDeadlineNanos) - now;
      nanos = Math.min(nanos, outbox.headWaitNanos(now));
    } else {
      nanos =
          Math.min(lastRecvNanos + readTimeoutNanos - now, lastSendNanos + pingIntervalNanos - now);
      Call<?> oldest = pending.oldest();
      if (oldest != null && config.requestTimeoutMs() > 0) {
        long requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
        nanos = Math.min(nanos, oldest.sentNanos() + requestTimeoutNanos - now);
      }
    }
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1);
  }

  private void failOverdueQueued(long now) {
    for (Call<?> c : outbox.takeOverdue(now)) {
      c.fail(
          Errors.because(
              ErrorCode.CONNECTION_LOSS,
              c.clientPath(),
              "not connected to any server within the wait budget; last failure: " + lastFailure),
          events);
    }
  }

  // ---- connecting -----------------------------------------------------------------------------

  private void startAttempt(long now) {
    InetSocketAddress host = hosts.next();
    InetSocketAddress resolved = new InetSocketAddress(host.getHostString(), host.getPort());
    attemptDeadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMs());
    if (resolved.isUnresolved()) {
      connectionLost(now, "cannot resolve " + host.getHostString());
      return;
    }
    try {
      channel = FrameChannel.open(selector, resolved, tuning.replyFrameBytesMax());
      if (channel.isTcpConnected()) {
        onTcpConnected(now);
      }
    } catch (IOException e) {
      connectionLost(now, "cannot connect to " + resolved + ": " + e);
    }
  }

  private void onTcpConnected(long now) {
    byte[] passwd = session.sessionId() == 0 ? new byte[16] : session.password();
    ConnectRequest request =
        new ConnectRequest(
            0,
            lastZxid,
            config.sessionTimeoutMs(),
            session.sessionId(),
            passwd,
            config.canBeReadOnly());
    send(ConnectCodec.encodeConnectRequest(request), now);
  }

  private void onConnectResponse(ConnectResponse r, long now) throws IOException {
    if (r.timeOutMs() <= 0) {
      expire();
      return;
    }
    if (session.sessionId() != 0 && r.sessionId() != session.sessionId()) {
      throw new ProtocolViolation(
          "asked to re-attach session "
              + session.hexId()
              + " but the server answered with 0x"
              + Long.toHexString(r.sessionId()));
    }
    boolean first = session.sessionId() == 0;
    session.established(r.sessionId(), r.passwd(), r.timeOutMs());
    if (first) {
      Thread.currentThread().setName("paddock-client-io-" + session.hexId());
      events.rename("paddock-client-event-" + session.hexId());
    }
    handshakeDone = true;
    failures = 0;
    lastRecvNanos = now;
    readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(r.timeOutMs() * 2L / 3);
    pingIntervalNanos = TimeUnit.MILLISECONDS.toNanos(r.timeOutMs() / 3L);
    for (Credential c : credentials) {
      send(c.frame(), now);
      authInFlight.addLast(new InFlightAuth(null));
    }
    resendWatches(now);
    LOG.log(
        Level.INFO,
        "session {0} {1} on {2}, timeout {3} ms",
        session.hexId(),
        first ? "established" : "re-attached",
        channel.remote(),
        r.timeOutMs());
    announce(machine.apply(r.readOnly() ? Input.CONNECTED_RO : Input.CONNECTED));
  }

  private void resendWatches(long now) {
    ClientWatchRegistry.Snapshot s = watches.snapshot();
    ClientWatchRegistry.Snapshot server =
        new ClientWatchRegistry.Snapshot(
            toServer(s.data()),
            toServer(s.exist()),
            toServer(s.child()),
            toServer(s.persistent()),
            toServer(s.persistentRecursive()));
    for (Request r : SetWatchesBatcher.batches(lastZxid, server, tuning.setWatchesBytesMax())) {
      OpCode op = r instanceof Request.SetWatches2 ? OpCode.SET_WATCHES2 : OpCode.SET_WATCHES;
      send(ClientCodec.encodeRequest(new RequestHeader(Xid.SET_WATCHES, op), r), now);
    }
  }

  private List<String> toServer(List<String> clientPaths) {
    return clientPaths.stream().map(chroot::toServer).toList();
  }

  // ---- reading --------------------------------------------------------------------------------

  private void onReady(long now) {
    Set<SelectionKey> ready = selector.selectedKeys();
    if (ready.isEmpty()) {
      return;
    }
    ready.clear();
    if (channel == null || !channel.key().isValid()) {
      return;
    }
    FrameChannel ch = channel;
    try {
      SelectionKey key = ch.key();
      if (key.isConnectable() && ch.finishConnect()) {
        onTcpConnected(now);
      }
      if (ch == channel && key.isValid() && key.isReadable() && ch.read(p -> onFrame(p, now))) {
        if (ch == channel) {
          lastRecvNanos = now;
        }
      }
      if (ch == channel && key.isValid() && key.isWritable()) {
        ch.flush();
      }
    } catch (IOException e) {
      if (ch == channel) {
        connectionLost(now, "connection to " + ch.remote() + " failed: " + e.getMessage());
      }
    } catch (WireFormatException e) {
      if (ch == channel) {
        connectionLost(now, "malformed data from " + ch.remote() + ": " + e.getMessage());
      }
    }
  }

  private void onFrame(byte[] payload, long now) throws IOException {
    lastRecvNanos = now;
    JuteInput in = new JuteInput(payload);
    if (!handshakeDone) {
      onConnectResponse(ConnectCodec.decodeConnectResponse(in), now);
      return;
    }
    ReplyHeader h = ReplyHeader.read(in);
    switch (h.xid()) {
      case Xid.NOTIFICATION -> onNotification(h, ClientCodec.decodeNotification(in));
      case Xid.PING -> {}
      case Xid.AUTH -> onAuthReply(h);
      case Xid.SET_WATCHES -> {
        if (h.err() != 0) {
          LOG.log(Level.WARNING, "setWatches failed with error {0}; watches may be lost", h.err());
        }
      }
      default -> onReply(h, in);
    }
  }

  private void onReply(ReplyHeader h, JuteInput in) throws ProtocolViolation {
    Call<?> call = pending.take(h.xid());
    if (h.zxid() > lastZxid) {
      lastZxid = h.zxid();
    }
    Response body;
    try {
      body = decodeBody(h, call, in);
    } catch (WireFormatException e) {
      // The call is already off the pending queue: fail it here, then drop the connection.
      call.fail(Errors.withCause(ErrorCode.MARSHALLING_ERROR, call.clientPath(), e), events);
      throw new ProtocolViolation("undecodable reply to " + call + ": " + e.getMessage());
    }
    call.onReply(h, body, watches, events);
    if (call == closeCall) {
      finishClose("closeSession answered");
    }
  }

  private static Response decodeBody(ReplyHeader h, Call<?> call, JuteInput in) {
    if (call.op() == OpCode.ADD_WATCH && in.remaining() == 4) {
      // ZooKeeper 3.9 servers answer addWatch with an ErrorResponse body (one int, equal to the
      // header's err), which the wire codec's strict decoder does not expect.
      in.readInt("addWatch.err");
      return Response.EMPTY;
    }
    return ClientCodec.decodeReplyBody(h, call.op().code(), in);
  }

  private void onNotification(ReplyHeader h, WatcherEvent e) {
    EventType type;
    KeeperState state;
    try {
      type = EventType.fromCode(e.type());
      state = KeeperState.fromCode(e.state());
    } catch (IllegalArgumentException unknown) {
      LOG.log(Level.WARNING, "ignoring notification with unknown type/state: {0}", e);
      return;
    }
    if (e.path() != null && !chroot.contains(e.path())) {
      LOG.log(Level.WARNING, "ignoring notification outside the chroot: {0}", e);
      return;
    }
    String path = chroot.toClient(e.path());
    WatchedEvent event = new WatchedEvent(type, state, path, h.zxid());
    for (Watcher w : watches.materialize(type, path)) {
      events.execute(() -> w.process(event));
    }
  }

  private void onAuthReply(ReplyHeader h) {
    InFlightAuth auth = authInFlight.pollFirst();
    if (auth == null) {
      LOG.log(Level.WARNING, "auth reply (err {0}) with no auth in flight; ignored", h.err());
      return;
    }
    if (h.err() == 0) {
      if (auth.call() != null) {
        auth.call().onReply(h, Response.EMPTY, watches, events);
      }
      return;
    }
    if (h.err() == ErrorCode.AUTH_FAILED.code()) {
      authFailed(auth);
      return;
    }
    if (auth.call() != null) {
      auth.call().onReply(h, Response.EMPTY, watches, events);
    }
  }

  // ---- writing --------------------------------------------------------------------------------

  private void pumpOutbox(long now) {
    if (!handshakeDone || finished) {
      return;
    }
    while (channel.queuedBytes() < tuning.writeBufferBytesMax()
        && pending.size() < tuning.pendingRequestsMax()) {
      Call<?> call = outbox.poll();
      if (call == null) {
        return;
      }
      if (call.op() == OpCode.AUTH) {
        rememberCredential(call);
        authInFlight.addLast(new InFlightAuth(call));
      } else {
        call.sentNanos(now);
        pending.add(call);
      }
      send(call.frame(), now);
    }
  }

  private void rememberCredential(Call<?> call) {
    JuteInput in = new JuteInput(call.frame(), 4 + RequestHeader.BYTES, call.payloadBytes() - 8);
    in.readInt("auth.type");
    Credential c = new Credential(in.readString("auth.scheme"), in.readBuffer("auth.auth"));
    if (credentials.stream().noneMatch(c::sameAs)) {
      credentials.add(c);
    }
  }

  private void send(byte[] frame, long now) {
    channel.send(frame);
    lastSendNanos = now;
  }

  private void flush() {
    if (channel == null) {
      return;
    }
    try {
      channel.flush();
    } catch (IOException e) {
      connectionLost(System.nanoTime(), "writing to " + channel.remote() + " failed: " + e);
    }
  }

  // ---- endings --------------------------------------------------------------------------------

  private void connectionLost(long now, String reason) {
    boolean wasConnected = handshakeDone;
    closeChannel();
    handshakeDone = false;
    lastFailure = reason;
    failInFlight(ErrorCode.CONNECTION_LOSS, reason);
    if (closing) {
      finishClose("connection lost while closing: " + reason);
      return;
    }
    LOG.log(wasConnected ? Level.INFO : Level.DEBUG, "session {0}: {1}", session.hexId(), reason);
    announce(machine.apply(Input.LOST));
    if (!wasConnected) {
      failures++;
    }
    nextAttemptNanos = now + TimeUnit.MILLISECONDS.toNanos(backoff.delayMs(failures));
  }

  private void expire() {
    closeChannel();
    handshakeDone = false;
    Transition t = machine.apply(Input.EXPIRED);
    if (t.to() == State.CLOSING) {
      finishClose("session expired while closing");
      return;
    }
    String why = "session " + session.hexId() + " expired (the server refused to re-attach it)";
    LOG.log(Level.INFO, why);
    announce(t);
    failEverything(ErrorCode.SESSION_EXPIRED, why);
    watches.clear();
    finished = true;
  }

  private void authFailed(InFlightAuth auth) {
    Transition t = machine.apply(Input.AUTH_REJECTED);
    String why = "the server rejected the credentials of session " + session.hexId();
    if (auth.call() != null) {
      auth.call().fail(Errors.because(ErrorCode.AUTH_FAILED, null, why), events);
    }
    if (t.to() == State.CLOSING) {
      finishClose(why);
      return;
    }
    closeChannel();
    handshakeDone = false;
    announce(t);
    failEverything(ErrorCode.AUTH_FAILED, why);
    finished = true;
  }

  private void beginClose(long now) {
    closing = true;
    machine.apply(Input.CLOSE);
    closeDeadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(tuning.closeWaitMs());
    if (!handshakeDone || closeCall == null) {
      finishClose("not connected, so no closeSession was sent");
    }
  }

  private void finishClose(String how) {
    if (finished) {
      return;
    }
    closeChannel();
    handshakeDone = false;
    LOG.log(Level.INFO, "session {0} closed ({1})", session.hexId(), how);
    failEverything(
        ErrorCode.SESSION_EXPIRED, "client of session " + session.hexId() + " was closed");
    announce(machine.apply(Input.CLOSE_DONE));
    finished = true;
  }

  private void crash(Throwable cause) {
    closeChannel();
    failEverything(ErrorCode.CONNECTION_LOSS, "client I/O thread failed: " + cause);
    if (!machine.state().isTerminal()) {
      machine.apply(Input.CLOSE);
      announce(machine.apply(Input.CLOSE_DONE));
    }
    finished = true;
  }

  private void failInFlight(ErrorCode code, String reason) {
    for (Call<?> c : pending.drain()) {
      c.fail(Errors.because(code, c.clientPath(), reason), events);
    }
    for (InFlightAuth a = authInFlight.pollFirst(); a != null; a = authInFlight.pollFirst()) {
      if (a.call() != null) {
        a.call().fail(Errors.because(code, null, reason), events);
      }
    }
  }

  private void failEverything(ErrorCode code, String reason) {
    failInFlight(code, reason);
    for (Call<?> c : outbox.refuse(code, reason)) {
      c.fail(Errors.because(code, c.clientPath(), reason), events);
    }
  }

  private void announce(Transition t) {
    Watcher w = config.defaultWatcher();
    if (t.event() == null || w == null) {
      return;
    }
    WatchedEvent event = new WatchedEvent(EventType.NONE, t.event(), null, -1);
    events.execute(() -> w.process(event));
  }

  private void closeChannel() {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
