package io.paddock.recipes;

import io.paddock.api.Acl;
import io.paddock.api.AclAndStat;
import io.paddock.api.AddWatchMode;
import io.paddock.api.Children;
import io.paddock.api.ClientInfo;
import io.paddock.api.CreateMode;
import io.paddock.api.Created;
import io.paddock.api.KeeperState;
import io.paddock.api.NodeData;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.Watcher;
import io.paddock.api.WatcherType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that counts what the recipes do through it (watches set, watch events received, child
 * listings) and can make the answer of sequential creates get "lost": the create reaches the
 * server, but the caller is told CONNECTION_LOSS, as after a dropped connection.
 */
final class CountingClient implements PaddockClient {
  final AtomicInteger dataWatches = new AtomicInteger();
  final AtomicInteger childWatches = new AtomicInteger();
  final AtomicInteger watchEvents = new AtomicInteger();
  final AtomicInteger listings = new AtomicInteger();
  final AtomicInteger sequentialCreates = new AtomicInteger();

  /** How many more sequential creates get their answer replaced by CONNECTION_LOSS. */
  final AtomicInteger loseCreateAnswers = new AtomicInteger();

  private final PaddockClient delegate;

  CountingClient(PaddockClient delegate) {
    this.delegate = delegate;
  }

  private final Map<Watcher, Watcher> wrappers = new ConcurrentHashMap<>();

  private Watcher counted(Watcher w) {
    if (w == null) {
      return null;
    }
    return wrappers.computeIfAbsent(
        w,
        original ->
            e -> {
              watchEvents.incrementAndGet();
              original.process(e);
            });
  }

  @Override
  public CompletionStage<Created> createAsync(
      String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs) {
    CompletionStage<Created> stage = delegate.createAsync(path, data, acl, mode, ttlMs);
    if (!mode.isSequential()) {
      return stage;
    }
    sequentialCreates.incrementAndGet();
    return stage.thenCompose(
        created ->
            loseCreateAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? CompletableFuture.failedFuture(new PaddockException.ConnectionLoss(path))
                : CompletableFuture.completedFuture(created));
  }

  @Override
  public CompletionStage<Void> deleteAsync(String path, int version) {
    return delegate.deleteAsync(path, version);
  }

  @Override
  public CompletionStage<Stat> existsAsync(String path, Watcher watcher) {
    if (watcher != null) {
      dataWatches.incrementAndGet();
    }
    return delegate.existsAsync(path, counted(watcher));
  }

  @Override
  public CompletionStage<NodeData> getDataAsync(String path, Watcher watcher) {
    if (watcher != null) {
      dataWatches.incrementAndGet();
    }
    return delegate.getDataAsync(path, counted(watcher));
  }

  @Override
  public CompletionStage<Stat> setDataAsync(String path, byte[] data, int version) {
    return delegate.setDataAsync(path, data, version);
  }

  @Override
  public CompletionStage<Children> getChildrenAsync(String path, Watcher watcher) {
    listings.incrementAndGet();
    if (watcher != null) {
      childWatches.incrementAndGet();
    }
    return delegate.getChildrenAsync(path, counted(watcher));
  }

  @Override
  public CompletionStage<Integer> getAllChildrenNumberAsync(String path) {
    return delegate.getAllChildrenNumberAsync(path);
  }

  @Override
  public CompletionStage<List<String>> getEphemeralsAsync(String prefixPath) {
    return delegate.getEphemeralsAsync(prefixPath);
  }

  @Override
  public CompletionStage<AclAndStat> getAclAsync(String path) {
    return delegate.getAclAsync(path);
  }

  @Override
  public CompletionStage<Stat> setAclAsync(String path, List<Acl> acl, int aclVersion) {
    return delegate.setAclAsync(path, acl, aclVersion);
  }

  @Override
  public CompletionStage<List<OpResult>> multiAsync(List<Op> ops) {
    return delegate.multiAsync(ops);
  }

  @Override
  public CompletionStage<List<OpResult>> multiReadAsync(List<Op> ops) {
    return delegate.multiReadAsync(ops);
  }

  @Override
  public CompletionStage<Void> syncAsync(String path) {
    return delegate.syncAsync(path);
  }

  @Override
  public CompletionStage<Void> addWatchAsync(String path, Watcher watcher, AddWatchMode mode) {
    return delegate.addWatchAsync(path, watcher, mode);
  }

  @Override
  public CompletionStage<Void> removeWatchesAsync(
      String path, Watcher watcher, WatcherType type, boolean local) {
    // The delegate knows the counting wrapper, not the recipe's watcher.
    Watcher wrapper = watcher == null ? null : wrappers.get(watcher);
    return delegate.removeWatchesAsync(path, wrapper == null ? watcher : wrapper, type, local);
  }

  @Override
  public CompletionStage<Void> addAuthInfoAsync(String scheme, byte[] auth) {
    return delegate.addAuthInfoAsync(scheme, auth);
  }

  @Override
  public CompletionStage<List<ClientInfo>> whoAmIAsync() {
    return delegate.whoAmIAsync();
  }

  @Override
  public long sessionId() {
    return delegate.sessionId();
  }

  @Override
  public byte[] sessionPassword() {
    return delegate.sessionPassword();
  }

  @Override
  public int negotiatedSessionTimeoutMs() {
    return delegate.negotiatedSessionTimeoutMs();
  }

  @Override
  public KeeperState state() {
    return delegate.state();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
