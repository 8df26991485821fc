package io.paddock.client;

import io.paddock.api.Acl;
import io.paddock.api.AclAndStat;
import io.paddock.api.AddWatchMode;
import io.paddock.api.Children;
import io.paddock.api.ClientConfig;
import io.paddock.api.ClientInfo;
import io.paddock.api.CreateMode;
import io.paddock.api.Created;
import io.paddock.api.ErrorCode;
import io.paddock.api.KeeperState;
import io.paddock.api.NodeData;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.Stat;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import io.paddock.api.WatcherType;
import io.paddock.wire.ClientCodec;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import io.paddock.wire.RequestHeader;
import io.paddock.wire.Response;
import io.paddock.wire.Xid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link PaddockClient}: validates arguments, maps each call to its wire request and reply, and
 * hands it to the {@link Outbox}; the {@link IoLoop} thread does the rest. Argument errors (bad
 * paths, TTLs, oversized requests) fail the returned stage with BAD_ARGUMENTS whose cause says what
 * was wrong; nothing is sent for them.
 */
final class PaddockClientImpl implements PaddockClient {
  private static final System.Logger LOG = System.getLogger(PaddockClientImpl.class.getName());

  /** Extra time close() gives the I/O and event threads beyond the closeSession wait. */
  private static final long THREAD_STOP_GRACE_MS = 1_000;

  private final Chroot chroot;
  private final Outbox outbox;
  private final ClientWatchRegistry watches = new ClientWatchRegistry();
  private final EventDispatcher events;
  private final ConnectionStateMachine machine = new ConnectionStateMachine();
  private final SessionState session = new SessionState();
  private final long closeWaitMs;
  private final AtomicBoolean closed = new AtomicBoolean();
  private IoLoop io;
  private Thread ioThread;

  private PaddockClientImpl(ClientConfig config, ClientTuning tuning, Selector selector) {
    this.chroot = new Chroot(ConnectString.parse(config.connectString()).chroot());
    this.closeWaitMs = tuning.closeWaitMs();
    long waitBudgetMs =
        config.requestTimeoutMs() > 0 ? config.requestTimeoutMs() : config.connectTimeoutMs();
    this.outbox =
        new Outbox(
            tuning.requestFrameBytesMax(),
            tuning.queuedRequestsMax(),
            TimeUnit.MILLISECONDS.toNanos(waitBudgetMs),
            System::nanoTime,
            selector::wakeup);
    this.events = new EventDispatcher("paddock-client-event-connecting");
  }

  /**
   * Starts a client: the session is established in the background.
   *
   * @throws IllegalArgumentException if the connect string is malformed
   * @throws UncheckedIOException if no selector can be opened
   */
  static PaddockClientImpl start(ClientConfig config, ClientTuning tuning) {
    ConnectString connectString = ConnectString.parse(config.connectString());
    Selector selector;
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for the client", e);
    }
    PaddockClientImpl c = new PaddockClientImpl(config, tuning, selector);
    c.io =
        new IoLoop(
            config,
            tuning,
            connectString,
            c.outbox,
            c.watches,
            c.events,
            c.machine,
            c.session,
            selector);
    c.ioThread = new Thread(c.io, "paddock-client-io-connecting");
    c.ioThread.setDaemon(true);
    c.events.start();
    c.ioThread.start();
    return c;
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private <T> CompletableFuture<T> submit(
      OpCode op, Request body, String path, ReplyDecoder<T> decoder, WatchRegistration watch) {
    byte[] frame = ClientCodec.encodeRequest(new RequestHeader(0, op), body);
    return outbox.submit(new Call<>(op, path, frame, decoder, watch));
  }

  private static <T> CompletableFuture<T> failed(ErrorCode code, String path, Throwable cause) {
    return CompletableFuture.failedFuture(Errors.withCause(code, path, cause));
  }

  private static <T> CompletableFuture<T> badArguments(String path, IllegalArgumentException e) {
    return failed(ErrorCode.BAD_ARGUMENTS, path, e);
  }

  private String server(String clientPath, boolean sequential) {
    ClientPaths.validate(clientPath, sequential);
    return chroot.toServer(clientPath);
  }

  private static WatchRegistration watch(
      String path, Watcher watcher, WatchKind onOk, WatchKind onNoNode) {
    return watcher == null ? null : new WatchRegistration(path, watcher, onOk, onNoNode);
  }

  // ---- operations -----------------------------------------------------------------------------

  @Override
  public CompletionStage<Created> createAsync(
      String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs) {
    if (acl == null || acl.isEmpty()) {
      return failed(
          ErrorCode.INVALID_ACL, path, new IllegalArgumentException("ACL is null or empty"));
    }
    try {
      Objects.requireNonNull(mode, "mode");
      String sp = server(path, mode.isSequential());
      Requests.checkTtl(mode, ttlMs);
      ReplyDecoder<Created> decoder =
          (h, b) -> {
            Requests.check(h, path);
            Response.Create2 r = (Response.Create2) b;
            return new Created(chroot.toClient(r.path()), r.stat());
          };
      if (mode.isTtl()) {
        Request body = new Request.CreateTtl(sp, data, acl, mode.flag(), ttlMs);
        return submit(OpCode.CREATE_TTL, body, path, decoder, null);
      }
      OpCode op = mode.isContainer() ? OpCode.CREATE_CONTAINER : OpCode.CREATE2;
      return submit(op, new Request.Create(sp, data, acl, mode.flag()), path, decoder, null);
    } catch (IllegalArgumentException | NullPointerException e) {
      return failed(ErrorCode.BAD_ARGUMENTS, path, e);
    }
  }

  @Override
  public CompletionStage<Void> deleteAsync(String path, int version) {
    try {
      Request body = new Request.Delete(server(path, false), version);
      return submit(OpCode.DELETE, body, path, voidDecoder(path), null);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  private static ReplyDecoder<Void> voidDecoder(String path) {
    return (h, b) -> {
      Requests.check(h, path);
      return null;
    };
  }

  @Override
  public CompletionStage<Stat> existsAsync(String path, Watcher watcher) {
    try {
      Request body = new Request.Exists(server(path, false), watcher != null);
      ReplyDecoder<Stat> decoder =
          (h, b) -> {
            if (h.err() == ErrorCode.NO_NODE.code()) {
              return null;
            }
            Requests.check(h, path);
            return ((Response.Exists) b).stat();
          };
      WatchRegistration w = watch(path, watcher, WatchKind.DATA, WatchKind.EXIST);
      return submit(OpCode.EXISTS, body, path, decoder, w);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<NodeData> getDataAsync(String path, Watcher watcher) {
    try {
      Request body = new Request.GetData(server(path, false), watcher != null);
      ReplyDecoder<NodeData> decoder =
          (h, b) -> {
            Requests.check(h, path);
            Response.GetData r = (Response.GetData) b;
            return new NodeData(r.data(), r.stat());
          };
      WatchRegistration w = watch(path, watcher, WatchKind.DATA, null);
      return submit(OpCode.GET_DATA, body, path, decoder, w);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<Stat> setDataAsync(String path, byte[] data, int version) {
    try {
      Request body = new Request.SetData(server(path, false), data, version);
      ReplyDecoder<Stat> decoder =
          (h, b) -> {
            Requests.check(h, path);
            return ((Response.SetData) b).stat();
          };
      return submit(OpCode.SET_DATA, body, path, decoder, null);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<Children> getChildrenAsync(String path, Watcher watcher) {
    try {
      Request body = new Request.GetChildren2(server(path, false), watcher != null);
      ReplyDecoder<Children> decoder =
          (h, b) -> {
            Requests.check(h, path);
            Response.GetChildren2 r = (Response.GetChildren2) b;
            return new Children(r.children(), r.stat());
          };
      WatchRegistration w = watch(path, watcher, WatchKind.CHILD, null);
      return submit(OpCode.GET_CHILDREN2, body, path, decoder, w);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<Integer> getAllChildrenNumberAsync(String path) {
    try {
      Request body = new Request.GetAllChildrenNumber(server(path, false));
      ReplyDecoder<Integer> decoder =
          (h, b) -> {
            Requests.check(h, path);
            return ((Response.GetAllChildrenNumber) b).totalNumber();
          };
      return submit(OpCode.GET_ALL_CHILDREN_NUMBER, body, path, decoder, null);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<List<String>> getEphemeralsAsync(String prefixPath) {
    try {
      Request body = new Request.GetEphemerals(server(prefixPath, false));
      ReplyDecoder<List<String>> decoder =
          (h, b) -> {
            Requests.check(h, prefixPath);
            List<String> out = new ArrayList<>();
            for (String p : ((Response.GetEphemerals) b).ephemerals()) {
              // The server matches a string prefix: with chroot /app it would also report /apple.
              if (chroot.contains(p)) {
                out.add(chroot.toClient(p));
              }
            }
            return List.copyOf(out);
          };
      return submit(OpCode.GET_EPHEMERALS, body, prefixPath, decoder, null);
    } catch (IllegalArgumentException e) {
      return badArguments(prefixPath, e);
    }
  }

  @Override
  public CompletionStage<AclAndStat> getAclAsync(String path) {
    try {
      Request body = new Request.GetAcl(server(path, false));
      ReplyDecoder<AclAndStat> decoder =
          (h, b) -> {
            Requests.check(h, path);
            Response.GetAcl r = (Response.GetAcl) b;
            return new AclAndStat(r.acl(), r.stat());
          };
      return submit(OpCode.GET_ACL, body, path, decoder, null);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<Stat> setAclAsync(String path, List<Acl> acl, int aclVersion) {
    if (acl == null || acl.isEmpty()) {
      return failed(
          ErrorCode.INVALID_ACL, path, new IllegalArgumentException("ACL is null or empty"));
    }
    try {
      Request body = new Request.SetAcl(server(path, false), acl, aclVersion);
      ReplyDecoder<Stat> decoder =
          (h, b) -> {
            Requests.check(h, path);
            return ((Response.SetAcl) b).stat();
          };
      return submit(OpCode.SET_ACL, body, path, decoder, null);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<List<OpResult>> multiAsync(List<Op> ops) {
    try {
      List<Op> copy = List.copyOf(ops);
      List<Request.MultiOp> wire = new ArrayList<>(copy.size());
      for (Op op : copy) {
        wire.add(MultiOps.toWrite(op, chroot));
      }
      ReplyDecoder<List<OpResult>> decoder = MultiOps.writeDecoder(copy, chroot);
      return submit(OpCode.MULTI, new Request.Multi(wire), null, decoder, null);
    } catch (IllegalArgumentException | NullPointerException e) {
      return failed(ErrorCode.BAD_ARGUMENTS, null, e);
    }
  }

  @Override
  public CompletionStage<List<OpResult>> multiReadAsync(List<Op> ops) {
    try {
      List<Op> copy = List.copyOf(ops);
      List<Request.MultiOp> wire = new ArrayList<>(copy.size());
      for (Op op : copy) {
        wire.add(MultiOps.toRead(op, chroot));
      }
      ReplyDecoder<List<OpResult>> decoder = MultiOps.readDecoder(copy, chroot);
      return submit(OpCode.MULTI_READ, new Request.MultiRead(wire), null, decoder, null);
    } catch (IllegalArgumentException | NullPointerException e) {
      return failed(ErrorCode.BAD_ARGUMENTS, null, e);
    }
  }

  @Override
  public CompletionStage<Void> syncAsync(String path) {
    try {
      Request body = new Request.Sync(server(path, false));
      return submit(OpCode.SYNC, body, path, voidDecoder(path), null);
    } catch (IllegalArgumentException e) {
      return badArguments(path, e);
    }
  }

  @Override
  public CompletionStage<Void> addWatchAsync(String path, Watcher watcher, AddWatchMode mode) {
    try {
      Objects.requireNonNull(watcher, "watcher");
      Objects.requireNonNull(mode, "mode");
      Request body = new Request.AddWatch(server(path, false), mode.mode());
      WatchKind kind =
          mode == AddWatchMode.PERSISTENT ? WatchKind.PERSISTENT : WatchKind.PERSISTENT_RECURSIVE;
      WatchRegistration w = new WatchRegistration(path, watcher, kind, null);
      return submit(OpCode.ADD_WATCH, body, path, voidDecoder(path), w);
    } catch (IllegalArgumentException | NullPointerException e) {
      return failed(ErrorCode.BAD_ARGUMENTS, path, e);
    }
  }

  @Override
  public CompletionStage<Void> removeWatchesAsync(
      String path, Watcher watcher, WatcherType type, boolean local) {
    String sp;
    try {
      Objects.requireNonNull(type, "type");
      sp = server(path, false);
    } catch (IllegalArgumentException | NullPointerException e) {
      return failed(ErrorCode.BAD_ARGUMENTS, path, e);
    }
    List<ClientWatchRegistry.Removed> found = watches.find(path, watcher, type);
    if (found.isEmpty()) {
      return failed(
          ErrorCode.NO_WATCHER,
          path,
          new IllegalArgumentException("no " + type + " watch of that watcher on " + path));
    }
    // The server tracks paths, not watchers: drop the server's watch only if no other watcher of
    // ours still needs it; otherwise just ask the server to confirm it has one (checkWatches).
    boolean othersStay = watches.find(path, null, type).size() > found.size();
    OpCode op = othersStay ? OpCode.CHECK_WATCHES : OpCode.REMOVE_WATCHES;
    Request body =
        othersStay
            ? new Request.CheckWatches(sp, type.code())
            : new Request.RemoveWatches(sp, type.code());
    if (local) {
      emitRemoved(path, watches.remove(path, watcher, type));
      if (machine.state().isConnected() && !watches.anyLeft(path, type)) {
        // Best effort: the removal already happened here; if this fails, the server merely sends
        // an event nobody is waiting for (and a reconnect re-registers only what is left).
        ReplyDecoder<Void> logOnly =
            (h, b) -> {
              if (h.err() != 0) {
                LOG.log(Level.DEBUG, "server-side removal on {0} answered {1}", path, h.err());
              }
              return null;
            };
        Request remove = new Request.RemoveWatches(sp, type.code());
        CompletableFuture<Void> unused = submit(OpCode.REMOVE_WATCHES, remove, path, logOnly, null);
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      events.execute(() -> done.complete(null)); // after the removal events, like every completion
      return done;
    }
    ReplyDecoder<Void> decoder =
        (h, b) -> {
          Requests.check(h, path);
          emitRemoved(path, watches.remove(path, watcher, type));
          return null;
        };
    return submit(op, body, path, decoder, null);
  }

  private void emitRemoved(String path, List<ClientWatchRegistry.Removed> removed) {
    KeeperState state = machine.state().publicState();
    for (ClientWatchRegistry.Removed r : removed) {
      WatchedEvent e = new WatchedEvent(r.kind().removalEvent(), state, path, -1);
      events.execute(() -> r.watcher().process(e));
    }
  }

  @Override
  public CompletionStage<Void> addAuthInfoAsync(String scheme, byte[] auth) {
    try {
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(auth, "auth");
      byte[] frame =
          ClientCodec.encodeRequest(
              new RequestHeader(Xid.AUTH, OpCode.AUTH), new Request.Auth(0, scheme, auth));
      return outbox.submit(new Call<>(OpCode.AUTH, null, frame, voidDecoder(null), null));
    } catch (NullPointerException e) {
      return failed(ErrorCode.BAD_ARGUMENTS, null, e);
    }
  }

  @Override
  public CompletionStage<List<ClientInfo>> whoAmIAsync() {
    ReplyDecoder<List<ClientInfo>> decoder =
        (h, b) -> {
          Requests.check(h, null);
          return List.copyOf(((Response.WhoAmI) b).clientInfo());
        };
    return submit(OpCode.WHO_AM_I, new Request.WhoAmI(), null, decoder, null);
  }

  // ---- session --------------------------------------------------------------------------------

  @Override
  public long sessionId() {
    return session.sessionId();
  }

  @Override
  public byte[] sessionPassword() {
    return session.password();
  }

  @Override
  public int negotiatedSessionTimeoutMs() {
    return session.negotiatedTimeoutMs();
  }

  @Override
  public KeeperState state() {
    ConnectionStateMachine.State s = machine.state();
    return closed.get() && !s.isTerminal() ? KeeperState.CLOSED : s.publicState();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      byte[] frame =
          ClientCodec.encodeRequest(
              new RequestHeader(0, OpCode.CLOSE_SESSION), new Request.CloseSession());
      Call<Void> call = new Call<>(OpCode.CLOSE_SESSION, null, frame, (h, b) -> null, null);
      io.requestClose(call); // first, so the I/O thread knows the call before it can send it
      outbox.submitLastAndRefuse(
          call, ErrorCode.SESSION_EXPIRED, "client of session " + session.hexId() + " was closed");
    }
    boolean interrupted = join(ioThread, closeWaitMs + THREAD_STOP_GRACE_MS);
    if (interrupted) {
      io.forceStop();
      join(ioThread, THREAD_STOP_GRACE_MS);
    }
    try {
      if (!interrupted
          && !events.awaitTermination(THREAD_STOP_GRACE_MS)
          && !events.isEventThread()) {
        LOG.log(Level.WARNING, "event thread still busy after close (a slow watcher?)");
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Joins {@code t} for up to {@code ms}; returns whether the wait was interrupted. */
  private static boolean join(Thread t, long ms) {
    try {
      t.join(ms);
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  @Override
  public String toString() {
    return "PaddockClient[session=" + session.hexId() + ", state=" + state() + "]";
  }
}
