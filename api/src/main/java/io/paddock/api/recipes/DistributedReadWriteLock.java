package io.paddock.api.recipes;

/**
 * A shared/exclusive lock: many readers or one writer. A writer waits for everything queued before
 * it; a reader waits only for writers queued before it. Each side is re-entrant per thread, but a
 * thread cannot upgrade (acquire the write lock while holding the read lock) or downgrade: such an
 * acquire would wait for itself forever and fails with {@link IllegalStateException} instead.
 */
public interface DistributedReadWriteLock {
  /** The lock's node. */
  String path();

  /** The shared side. */
  DistributedLock readLock();

  /** The exclusive side. */
  DistributedLock writeLock();
}
