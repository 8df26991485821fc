package io.paddock.recipes;

import io.paddock.api.CreateMode;
import io.paddock.api.PaddockClient;
import io.paddock.api.recipes.DistributedLock;
import io.paddock.api.recipes.DistributedReadWriteLock;

/**
 * Both sides queue in one directory: {@code read} nodes wait for the last writer before them
 * ({@link QueueRules#SHARED}), {@code write} nodes for the node just before them ({@link
 * QueueRules#EXCLUSIVE}).
 */
final class ReadWriteLockImpl implements DistributedReadWriteLock {
  private final String path;
  private final QueueLock read;
  private final QueueLock write;

  ReadWriteLockImpl(PaddockClient client, SessionMonitor monitor, String path) {
    this.path = Calls.checkPath(path);
    NodeQueue queue = new NodeQueue(client, path, CreateMode.CONTAINER);
    QueueLock[] sides = new QueueLock[2];
    this.read =
        new QueueLock(
            client,
            monitor,
            queue,
            QueueRules.READ,
            QueueRules.SHARED,
            () ->
                sides[1].hasLeaseOfCurrentThread()
                    ? "cannot take the read lock of " + path + " while holding its write lock"
                    : null);
    this.write =
        new QueueLock(
            client,
            monitor,
            queue,
            QueueRules.WRITE,
            QueueRules.EXCLUSIVE,
            () ->
                sides[0].hasLeaseOfCurrentThread()
                    ? "cannot take the write lock of " + path + " while holding its read lock"
                    : null);
    sides[0] = read;
    sides[1] = write;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public DistributedLock readLock() {
    return read;
  }

  @Override
  public DistributedLock writeLock() {
    return write;
  }
}
