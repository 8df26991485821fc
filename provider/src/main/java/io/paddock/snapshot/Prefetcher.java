package io.paddock.snapshot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a producer on a thread of its own and hands what it makes to one consumer through a bounded
 * queue, so the two halves of a job share two cores: restoring a snapshot reads, checks and decodes
 * the nodes of the next blocks while the consumer links the previous ones into the tree.
 *
 * <p>Memory is bounded by {@code queuedMax} items. A failure of the producer reaches the consumer
 * after everything made before it, as the same exception (an {@link IOException}, a {@link
 * RuntimeException} or an {@link Error}). The producer's own state may be read by the consumer once
 * {@link #next} has returned the end. {@link #close} stops the thread and waits for it.
 *
 * @param <T> what is handed over
 */
final class Prefetcher<T> implements AutoCloseable {
  /** Makes items and hands each to {@code out}, which blocks while the queue is full. */
  interface Producer<T> {
    void produce(Sink<T> out) throws IOException;
  }

  /** Where a producer puts what it made. */
  interface Sink<T> {
    void put(T item) throws InterruptedIOException;
  }

  /** An item; or a failure; or the end. */
  private record Slot<T>(T item, Throwable failure) {}

  private static final Slot<?> END = new Slot<>(null, null);

  private final BlockingQueue<Slot<T>> queue;
  private final Thread thread;
  private boolean ended;

  Prefetcher(Producer<T> producer, int queuedMax, String threadName) {
    if (queuedMax < 1) {
      throw new IllegalArgumentException("queue of " + queuedMax);
    }
    this.queue = new ArrayBlockingQueue<>(queuedMax);
    this.thread = new Thread(() -> run(producer), threadName);
    thread.setDaemon(true); // never keeps a JVM alive; close() ends it in the normal case
    thread.start();
  }

  @SuppressWarnings("unchecked")
  private void run(Producer<T> producer) {
    Slot<T> last;
    try {
      producer.produce(this::put);
      last = (Slot<T>) END;
    } catch (InterruptedIOException e) {
      return; // closed by the consumer: nobody waits for more
    } catch (Throwable e) { // handed to the consumer, who rethrows it: nothing is lost
      last = new Slot<>(null, e);
    }
    try {
      queue.put(last);
    } catch (InterruptedException e) {
      // closed by the consumer
    }
  }

  private void put(T item) throws InterruptedIOException {
    try {
      queue.put(new Slot<>(item, null));
    } catch (InterruptedException e) {
      throw new InterruptedIOException("closed");
    }
  }

  /** The next item, or null at the end. */
  T next() throws IOException {
    if (ended) {
      return null;
    }
    Slot<T> slot;
    try {
      slot = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the producer");
    }
    if (slot.item != null) {
      return slot.item;
    }
    ended = true;
    Throwable failure = slot.failure;
    if (failure == null) {
      return null;
    }
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IOException(failure);
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
