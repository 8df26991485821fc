package io.paddock.cli;

import io.paddock.api.AddWatchMode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.PaddockException;
import io.paddock.api.WatchedEvent;
import io.paddock.api.WatcherType;
import java.util.Locale;

/** The watch commands, and the text zkCli prints for a watch event. */
final class WatchCommands {
  private WatchCommands() {}

  /**
   * {@code addWatch [-m mode] path}: a watch that stays; recursive unless {@code -m PERSISTENT}.
   */
  static Status addWatch(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, UsageException, CommandFailed {
    AddWatchMode mode = AddWatchMode.PERSISTENT_RECURSIVE;
    String m = a.value('m');
    if (m != null) {
      try {
        mode = AddWatchMode.valueOf(m.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("mode must be PERSISTENT or PERSISTENT_RECURSIVE, got: " + m);
      }
    }
    s.client().addWatch(a.arg(0, "/"), s.watcher(), mode);
    return Status.OK;
  }

  /**
   * {@code removewatches path [-c|-d|-a] [-l]}: removes this session's child ({@code -c}), data
   * ({@code -d}) or all ({@code -a}, the default) watches on {@code path}; {@code -l} removes them
   * locally even when the server cannot be reached.
   */
  static Status removeWatches(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    WatcherType type = WatcherType.ANY;
    if (a.has('c')) {
      type = WatcherType.CHILDREN;
    } else if (a.has('d')) {
      type = WatcherType.DATA;
    }
    s.client().removeWatches(a.arg(0, "/"), null, type, a.has('l'));
    return Status.OK;
  }

  /** {@code printwatches on|off}; without an argument, says which. */
  static Status printWatches(CliSession s, ParsedArgs a) throws UsageException {
    String arg = a.arg(0, null);
    if (arg == null) {
      s.println("printwatches is " + (s.printWatches() ? "on" : "off"));
    } else if (arg.equals("on")) {
      s.setPrintWatches(true);
    } else if (arg.equals("off")) {
      s.setPrintWatches(false);
    } else {
      throw new UsageException(null);
    }
    return Status.OK;
  }

  /**
   * zkCli's block for an event, blank lines included: {@code WATCHER::} then {@code WatchedEvent
   * state:SyncConnected type:NodeDataChanged path:/x zxid: 29}.
   */
  static String eventText(WatchedEvent event) {
    return "\nWATCHER::\n\nWatchedEvent state:"
        + stateName(event.state())
        + " type:"
        + typeName(event.type())
        + " path:"
        + event.path()
        + " zxid: "
        + event.zxid()
        + "\n";
  }

  /** ZooKeeper's name of a connection state. */
  static String stateName(KeeperState state) {
    return switch (state) {
      case DISCONNECTED -> "Disconnected";
      case SYNC_CONNECTED -> "SyncConnected";
      case AUTH_FAILED -> "AuthFailed";
      case CONNECTED_READ_ONLY -> "ConnectedReadOnly";
      case SASL_AUTHENTICATED -> "SaslAuthenticated";
      case EXPIRED -> "Expired";
      case CLOSED -> "Closed";
    };
  }

  /** ZooKeeper's name of an event type. */
  static String typeName(EventType type) {
    return switch (type) {
      case NONE -> "None";
      case NODE_CREATED -> "NodeCreated";
      case NODE_DELETED -> "NodeDeleted";
      case NODE_DATA_CHANGED -> "NodeDataChanged";
      case NODE_CHILDREN_CHANGED -> "NodeChildrenChanged";
      case DATA_WATCH_REMOVED -> "DataWatchRemoved";
      case CHILD_WATCH_REMOVED -> "ChildWatchRemoved";
      case PERSISTENT_WATCH_REMOVED -> "PersistentWatchRemoved";
    };
  }
}
