package io.paddock.recipes;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.KeeperState;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Watcher;
import io.paddock.api.WatcherType;
import java.util.concurrent.TimeUnit;

/**
 * Client calls as the recipes need them: retried through connection loss when they are idempotent,
 * parents created on demand, and the session's liveness checked without a network call.
 */
final class Calls {
  /** Attempts of one idempotent call through connection losses. */
  static final int ATTEMPTS_MAX = 20;

  /** Pause between attempts; the client itself already waited for a connection. */
  static final long RETRY_PAUSE_MS = 50;

  /** Deepest path {@link #ensurePath} creates; znode paths are far shallower in practice. */
  static final int PATH_DEPTH_MAX = 256;

  private Calls() {}

  /** One client call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws PaddockException, InterruptedException;
  }

  /**
   * Runs an idempotent call, again after a connection loss while attempts and the deadline allow.
   */
  static <T> T retrying(PaddockClient client, Deadline deadline, Call<T> call)
      throws PaddockException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (PaddockException e) {
        if (!isRetryable(e) || attempt >= ATTEMPTS_MAX || deadline.passed()) {
          throw e;
        }
        checkUsable(client);
        TimeUnit.MILLISECONDS.sleep(Math.min(RETRY_PAUSE_MS * attempt, 1_000));
      }
    }
  }

  /** Whether the failure says nothing about the outcome and a retry may succeed. */
  static boolean isRetryable(PaddockException e) {
    return switch (e.code()) {
      case CONNECTION_LOSS, OPERATION_TIMEOUT, REQUEST_TIMEOUT, THROTTLED_OP -> true;
      default -> false;
    };
  }

  /** Whether the client can never reach the ensemble again. */
  static boolean isTerminal(KeeperState state) {
    return state == KeeperState.EXPIRED
        || state == KeeperState.CLOSED
        || state == KeeperState.AUTH_FAILED;
  }

  /**
   * Throws if the client's session has ended (a local check, no network call).
   *
   * @throws PaddockException.SessionExpired if the session expired or the client was closed
   */
  static void checkUsable(PaddockClient client) throws PaddockException {
    if (isTerminal(client.state())) {
      throw new PaddockException.SessionExpired(null);
    }
  }

  /** {@code dir + "/" + name}, for a {@code dir} that may be the root. */
  static String child(String dir, String name) {
    return "/".equals(dir) ? "/" + name : dir + "/" + name;
  }

  /** The last segment of {@code path}. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Validates a recipe path: absolute, no trailing slash, no empty segments.
   *
   * @throws IllegalArgumentException if it is not
   */
  static String checkPath(String path) {
    if (path == null
        || !path.startsWith("/")
        || (path.length() > 1 && path.endsWith("/"))
        || path.contains("//")) {
      throw new IllegalArgumentException("not an absolute znode path: " + path);
    }
    return path;
  }

  /**
   * Validates a single path segment used as a node name (member ids, participant ids).
   *
   * @throws IllegalArgumentException if it is not one
   */
  static String checkSegment(String segment) {
    if (segment == null
        || segment.isEmpty()
        || segment.contains("/")
        || segment.equals(".")
        || segment.equals("..")) {
      throw new IllegalArgumentException("not a single path segment: " + segment);
    }
    return segment;
  }

  /**
   * Creates {@code path} and its missing ancestors as persistent nodes with an open ACL (the last
   * one with {@code leafMode}); existing nodes are left alone.
   */
  static void ensurePath(PaddockClient client, String path, CreateMode leafMode, Deadline deadline)
      throws PaddockException, InterruptedException {
    if ("/".equals(path)) {
      return;
    }
    if (retrying(client, deadline, () -> client.exists(path)) != null) {
      return;
    }
    String[] segments = path.substring(1).split("/", -1);
    if (segments.length > PATH_DEPTH_MAX) {
      throw new IllegalArgumentException(
          "path deeper than " + PATH_DEPTH_MAX + " segments: " + path);
    }
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      current.append('/').append(segments[i]);
      String p = current.toString();
      CreateMode mode = i == segments.length - 1 ? leafMode : CreateMode.PERSISTENT;
      try {
        // Retrying a create is safe here: a NODE_EXISTS answer to our own lost create is harmless.
        retrying(client, deadline, () -> client.create(p, new byte[0], Acl.OPEN_ACL_UNSAFE, mode));
      } catch (PaddockException.NodeExists e) {
        // someone (or our earlier attempt) made it: fine
      }
    }
  }

  /**
   * Deletes {@code path} (any version), retrying through connection loss; a missing node or an
   * ended session counts as deleted.
   *
   * @return whether the node is gone (false: gave up, the failure was logged)
   */
  static boolean deleteQuietly(PaddockClient client, String path, Deadline deadline)
      throws InterruptedException {
    try {
      retrying(
          client,
          deadline,
          () -> {
            client.delete(path, -1);
            return null;
          });
      return true;
    } catch (PaddockException.NoNode | PaddockException.SessionExpired e) {
      return true; // gone already, or going with the session
    } catch (PaddockException e) {
      System.getLogger(Calls.class.getName())
          .log(System.Logger.Level.WARNING, "could not delete {0} ({1})", path, e.code());
      return false;
    }
  }

  /** Drops a watch nobody waits on any more, so it does not linger until the node changes. */
  static void forgetWatch(PaddockClient client, String path, Watcher watcher, WatcherType type) {
    client
        .removeWatchesAsync(path, watcher, type, true)
        .whenComplete(
            (ok, err) -> {
              if (err != null) {
                System.getLogger(Calls.class.getName())
                    .log(System.Logger.Level.TRACE, "removing a watch on {0}: {1}", path, err);
              }
            });
  }
}
