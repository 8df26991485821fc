package io.paddock.api;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A session with a Paddock (or any ZooKeeper 3.9) ensemble.
 *
 * <p>Every operation exists in an asynchronous form, returning a {@link CompletionStage} that
 * completes exceptionally with a {@link PaddockException} on failure, and a synchronous form that
 * waits for it. Operations of one client are answered in the order they were issued (per-session
 * FIFO), so pipelining many asynchronous calls is safe and fast.
 *
 * <p>Paths are absolute and relative to the client's chroot. A watcher passed to a read is called
 * once, on the client's event thread, for the first matching change after the read; a null watcher
 * means no watch. Watches survive reconnects to other servers of the ensemble.
 *
 * <p>Completion callbacks of the asynchronous forms run on the client's event thread; they must not
 * block on another call of the same client.
 */
public interface PaddockClient extends AutoCloseable {

  // ---- asynchronous forms -------------------------------------------------------------------

  /** Creates a node; {@code ttlMs} is used by the TTL modes only. */
  CompletionStage<Created> createAsync(
      String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs);

  /** Deletes a node if its data version matches ({@code -1} matches any). */
  CompletionStage<Void> deleteAsync(String path, int version);

  /** The node's stat, or null if it does not exist; the watcher fires on create/delete/change. */
  CompletionStage<Stat> existsAsync(String path, Watcher watcher);

  /** The node's data and stat; the watcher fires on data change or deletion. */
  CompletionStage<NodeData> getDataAsync(String path, Watcher watcher);

  /** Sets the node's data if its version matches ({@code -1} matches any); returns the new stat. */
  CompletionStage<Stat> setDataAsync(String path, byte[] data, int version);

  /** The node's children and stat; the watcher fires on child create/delete or node deletion. */
  CompletionStage<Children> getChildrenAsync(String path, Watcher watcher);

  /** The number of all descendants of the node (not counting the node itself). */
  CompletionStage<Integer> getAllChildrenNumberAsync(String path);

  /** The paths of this session's ephemeral nodes under {@code prefixPath} ("/" for all). */
  CompletionStage<List<String>> getEphemeralsAsync(String prefixPath);

  /** The node's ACL and stat. */
  CompletionStage<AclAndStat> getAclAsync(String path);

  /** Sets the node's ACL if its ACL version matches ({@code -1} matches any). */
  CompletionStage<Stat> setAclAsync(String path, List<Acl> acl, int aclVersion);

  /**
   * Applies the write ops atomically: all or none. On failure the stage fails with the exception of
   * the first failing op, whose {@link PaddockException#results()} tells each op's outcome.
   */
  CompletionStage<List<OpResult>> multiAsync(List<Op> ops);

  /** Runs read ops ({@link Op.GetData}, {@link Op.GetChildren}); each result stands alone. */
  CompletionStage<List<OpResult>> multiReadAsync(List<Op> ops);

  /** Completes once the connected server has caught up with the leader as of this call. */
  CompletionStage<Void> syncAsync(String path);

  /** Adds a watch that stays until removed. */
  CompletionStage<Void> addWatchAsync(String path, Watcher watcher, AddWatchMode mode);

  /**
   * Removes the watcher's watches of the given type on {@code path} (a null watcher removes all
   * watchers of that type). With {@code local} the removal happens client-side even when the server
   * cannot be reached.
   */
  CompletionStage<Void> removeWatchesAsync(
      String path, Watcher watcher, WatcherType type, boolean local);

  /** Adds credentials to the session, for example {@code ("digest", "user:pass")}. */
  CompletionStage<Void> addAuthInfoAsync(String scheme, byte[] auth);

  /** The identities the server has authenticated for this session. */
  CompletionStage<List<ClientInfo>> whoAmIAsync();

  // ---- session ------------------------------------------------------------------------------

  /** The session id, or 0 before the first connection. */
  long sessionId();

  /** The session password, needed to re-attach to the session from another client. */
  byte[] sessionPassword();

  /** The timeout the server negotiated, in milliseconds. */
  int negotiatedSessionTimeoutMs();

  /** The current connection state. */
  KeeperState state();

  /**
   * Ends the session: its ephemeral nodes are deleted and its watches removed. Waits a bounded time
   * for the server's answer; if interrupted, closes anyway and keeps the interrupt flag.
   * Idempotent.
   */
  @Override
  void close();

  // ---- synchronous forms --------------------------------------------------------------------

  /** Creates a node and returns its actual path. */
  default String create(String path, byte[] data, List<Acl> acl, CreateMode mode)
      throws PaddockException, InterruptedException {
    return await(createAsync(path, data, acl, mode, 0)).path();
  }

  /** Creates a node (with a TTL for the TTL modes) and returns its actual path and stat. */
  default Created create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs)
      throws PaddockException, InterruptedException {
    return await(createAsync(path, data, acl, mode, ttlMs));
  }

  /** Deletes a node if its data version matches ({@code -1} matches any). */
  default void delete(String path, int version) throws PaddockException, InterruptedException {
    await(deleteAsync(path, version));
  }

  /** The node's stat, or null if it does not exist. */
  default Stat exists(String path) throws PaddockException, InterruptedException {
    return await(existsAsync(path, null));
  }

  /** The node's stat, or null; leaves a watch for its creation, deletion or data change. */
  default Stat exists(String path, Watcher watcher) throws PaddockException, InterruptedException {
    return await(existsAsync(path, watcher));
  }

  /** The node's data and stat. */
  default NodeData getData(String path) throws PaddockException, InterruptedException {
    return await(getDataAsync(path, null));
  }

  /** The node's data and stat, leaving a watch for its next data change or deletion. */
  default NodeData getData(String path, Watcher watcher)
      throws PaddockException, InterruptedException {
    return await(getDataAsync(path, watcher));
  }

  /** Sets the node's data if its version matches ({@code -1} matches any). */
  default Stat setData(String path, byte[] data, int version)
      throws PaddockException, InterruptedException {
    return await(setDataAsync(path, data, version));
  }

  /** The node's child names. */
  default List<String> getChildren(String path) throws PaddockException, InterruptedException {
    return await(getChildrenAsync(path, null)).names();
  }

  /** The node's child names, leaving a watch for the next child change or deletion. */
  default List<String> getChildren(String path, Watcher watcher)
      throws PaddockException, InterruptedException {
    return await(getChildrenAsync(path, watcher)).names();
  }

  /** The node's child names and stat, optionally leaving a watch. */
  default Children getChildrenWithStat(String path, Watcher watcher)
      throws PaddockException, InterruptedException {
    return await(getChildrenAsync(path, watcher));
  }

  /** The number of all descendants of the node. */
  default int getAllChildrenNumber(String path) throws PaddockException, InterruptedException {
    return await(getAllChildrenNumberAsync(path));
  }

  /** The paths of this session's ephemeral nodes under {@code prefixPath}. */
  default List<String> getEphemerals(String prefixPath)
      throws PaddockException, InterruptedException {
    return await(getEphemeralsAsync(prefixPath));
  }

  /** The node's ACL and stat. */
  default AclAndStat getAcl(String path) throws PaddockException, InterruptedException {
    return await(getAclAsync(path));
  }

  /** Sets the node's ACL if its ACL version matches ({@code -1} matches any). */
  default Stat setAcl(String path, List<Acl> acl, int aclVersion)
      throws PaddockException, InterruptedException {
    return await(setAclAsync(path, acl, aclVersion));
  }

  /** Applies the write ops atomically; see {@link #multiAsync}. */
  default List<OpResult> multi(List<Op> ops) throws PaddockException, InterruptedException {
    return await(multiAsync(ops));
  }

  /** Runs read ops; see {@link #multiReadAsync}. */
  default List<OpResult> multiRead(List<Op> ops) throws PaddockException, InterruptedException {
    return await(multiReadAsync(ops));
  }

  /** Waits until the connected server has caught up with the leader. */
  default void sync(String path) throws PaddockException, InterruptedException {
    await(syncAsync(path));
  }

  /** Adds a persistent or persistent-recursive watch. */
  default void addWatch(String path, Watcher watcher, AddWatchMode mode)
      throws PaddockException, InterruptedException {
    await(addWatchAsync(path, watcher, mode));
  }

  /** Removes watches; see {@link #removeWatchesAsync}. */
  default void removeWatches(String path, Watcher watcher, WatcherType type, boolean local)
      throws PaddockException, InterruptedException {
    await(removeWatchesAsync(path, watcher, type, local));
  }

  /** Adds credentials to the session. */
  default void addAuthInfo(String scheme, byte[] auth)
      throws PaddockException, InterruptedException {
    await(addAuthInfoAsync(scheme, auth));
  }

  /** The identities the server has authenticated for this session. */
  default List<ClientInfo> whoAmI() throws PaddockException, InterruptedException {
    return await(whoAmIAsync());
  }

  /**
   * Waits for an asynchronous result and rethrows its {@link PaddockException} as is.
   *
   * @throws PaddockException the operation's failure
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  static <T> T await(CompletionStage<T> stage) throws PaddockException, InterruptedException {
    try {
      return stage.toCompletableFuture().get();
    } catch (ExecutionException | CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof PaddockException pe) {
        throw pe;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("operation failed unexpectedly", cause);
    }
  }
}
