package io.paddock.recipes;

import io.paddock.api.PaddockException;
import io.paddock.api.recipes.Lease;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A {@link QueueLock} seen as a {@link Lock}; what it cannot express is listed on {@link
 * io.paddock.api.recipes.DistributedLock#asLock()}.
 */
final class LockAdapter implements Lock {
  private final QueueLock lock;

  LockAdapter(QueueLock lock) {
    this.lock = lock;
  }

  /** Waits through interrupts, as {@link Lock#lock()} must, and re-asserts the interrupt. */
  @Override
  public void lock() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          lock.acquire();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (PaddockException e) {
          throw failure(e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    try {
      lock.acquire();
    } catch (PaddockException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean tryLock() {
    try {
      return lock.tryAcquire(Duration.ZERO).isPresent();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (PaddockException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    try {
      return lock.tryAcquire(Duration.ofNanos(unit.toNanos(time))).isPresent();
    } catch (PaddockException e) {
      throw failure(e);
    }
  }

  @Override
  public void unlock() {
    Optional<LeaseImpl> lease = lock.leaseOfCurrentThread();
    if (lease.isEmpty()) {
      throw new IllegalMonitorStateException(
          Thread.currentThread().getName() + " does not hold " + lock.path());
    }
    Lease l = lease.get();
    l.close();
  }

  /**
   * Always throws: a condition would need a distributed wait set, which this lock does not have.
   */
  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException(
        "a distributed lock has no conditions; use a barrier or a queue recipe instead");
  }

  private IllegalStateException failure(PaddockException e) {
    return new IllegalStateException("cannot lock " + lock.path() + ": " + e.getMessage(), e);
  }
}
