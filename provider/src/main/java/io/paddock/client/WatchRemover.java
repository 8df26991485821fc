package io.paddock.client;

import io.paddock.api.ErrorCode;
import io.paddock.api.KeeperState;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import io.paddock.api.WatcherType;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * removeWatches, as ZooKeeper's client does it: the watcher must be registered here (else
 * NO_WATCHER, without a round trip); the removed watchers get DATA_WATCH_REMOVED /
 * CHILD_WATCH_REMOVED / PERSISTENT_WATCH_REMOVED events. With {@code local} the removal happens at
 * once, even while disconnected, and the server is told best-effort; otherwise only after the
 * server agreed.
 */
final class WatchRemover {
  private static final System.Logger LOG = System.getLogger(WatchRemover.class.getName());

  private final ClientWatchRegistry watches;
  private final EventDispatcher events;
  private final ConnectionStateMachine machine;
  private final Outbox outbox;

  WatchRemover(
      ClientWatchRegistry watches,
      EventDispatcher events,
      ConnectionStateMachine machine,
      Outbox outbox) {
    this.watches = watches;
    this.events = events;
    this.machine = machine;
    this.outbox = outbox;
  }

  /** Removes {@code watcher}'s (or all, if null) watches of {@code type} on {@code path}. */
  CompletableFuture<Void> remove(
      String path, String sp, Watcher watcher, WatcherType type, boolean local) {
    List<ClientWatchRegistry.Removed> found = watches.find(path, watcher, type);
    if (found.isEmpty()) {
      return CompletableFuture.failedFuture(
          Errors.withCause(
              ErrorCode.NO_WATCHER,
              path,
              new IllegalArgumentException("no " + type + " watch of that watcher on " + path)));
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
        CompletableFuture<Void> unused =
            outbox.submit(Call.of(OpCode.REMOVE_WATCHES, remove, path, logOnly, null));
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
    return outbox.submit(Call.of(op, body, path, decoder, null));
  }

  private void emitRemoved(String path, List<ClientWatchRegistry.Removed> removed) {
    KeeperState state = machine.state().publicState();
    for (ClientWatchRegistry.Removed r : removed) {
      WatchedEvent e = new WatchedEvent(r.kind().removalEvent(), state, path, -1);
      events.execute(() -> r.watcher().process(e));
    }
  }
}
