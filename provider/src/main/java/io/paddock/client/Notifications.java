package io.paddock.client;

import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import io.paddock.wire.ReplyHeader;
import io.paddock.wire.WatcherEvent;
import java.lang.System.Logger.Level;

/**
 * Turns a server notification into watcher calls: strips the chroot, asks the registry which
 * watchers it triggers (removing one-shot ones), and queues one call per watcher on the event
 * thread, in arrival order. Runs on the I/O thread.
 */
final class Notifications {
  private static final System.Logger LOG = System.getLogger(Notifications.class.getName());

  private final Chroot chroot;
  private final ClientWatchRegistry watches;
  private final EventDispatcher events;

  Notifications(Chroot chroot, ClientWatchRegistry watches, EventDispatcher events) {
    this.chroot = chroot;
    this.watches = watches;
    this.events = events;
  }

  void deliver(ReplyHeader h, WatcherEvent e) {
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
}
