package io.paddock.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real disk with switches: fail writes or syncs (as a full disk or a dying device would), slow
 * syncs down, and count them. Thread-safe; the switches may be flipped while a server runs.
 */
public final class FaultyDisk implements Disk {
  private final Disk real = Disk.real();
  private final AtomicLong fileSyncs = new AtomicLong();
  private final AtomicInteger syncDelayMs = new AtomicInteger();
  private final AtomicInteger syncsWaiting = new AtomicInteger();
  private volatile java.util.concurrent.CountDownLatch syncGate;
  private volatile boolean failWrites;
  private volatile boolean failSyncs;

  /** Syncs of files (not directories) so far. */
  public long fileSyncs() {
    return fileSyncs.get();
  }

  /** Every write (and file creation) fails with "No space left on device" while set. */
  public void failWrites(boolean fail) {
    failWrites = fail;
  }

  /** Every file sync fails while set. */
  public void failSyncs(boolean fail) {
    failSyncs = fail;
  }

  /** Each file sync takes at least this long (a slow disk, so that writes pile up). */
  public void syncDelayMs(int ms) {
    syncDelayMs.set(ms);
  }

  /** From now on every file sync waits until {@link #openSyncs()}. */
  public void holdSyncs() {
    syncGate = new java.util.concurrent.CountDownLatch(1);
  }

  /** Lets held and future syncs through. */
  public void openSyncs() {
    java.util.concurrent.CountDownLatch gate = syncGate;
    syncGate = null;
    if (gate != null) {
      gate.countDown();
    }
  }

  /** Syncs currently held at the gate. */
  public int syncsWaiting() {
    return syncsWaiting.get();
  }

  @Override
  public DiskFile open(Path file, Mode mode) throws IOException {
    if (mode == Mode.CREATE_NEW && failWrites) {
      throw new IOException("No space left on device (injected)");
    }
    return new Faulty(real.open(file, mode));
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    return real.list(dir);
  }

  @Override
  public List<String> listDirectories(Path dir) throws IOException {
    return real.listDirectories(dir);
  }

  @Override
  public void delete(Path file) throws IOException {
    real.delete(file);
  }

  @Override
  public void moveAtomically(Path from, Path to) throws IOException {
    real.moveAtomically(from, to);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    real.syncDirectory(dir);
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    real.createDirectories(dir);
  }

  private final class Faulty implements DiskFile {
    private final DiskFile file;

    Faulty(DiskFile file) {
      this.file = file;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
      if (failWrites) {
        // Like a full disk: part of the data may land before the error.
        int half = src.remaining() / 2;
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + half);
        file.write(part, position);
        throw new IOException("No space left on device (injected)");
      }
      file.write(src, position);
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public void truncate(long length) throws IOException {
      file.truncate(length);
    }

    @Override
    public void sync() throws IOException {
      java.util.concurrent.CountDownLatch gate = syncGate;
      if (gate != null) {
        syncsWaiting.incrementAndGet();
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        } finally {
          syncsWaiting.decrementAndGet();
        }
      }
      int delay = syncDelayMs.get();
      if (delay > 0) {
        try {
          Thread.sleep(delay); // simulates device latency; not a test waiting for something
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      if (failSyncs) {
        throw new IOException("Input/output error (injected)");
      }
      fileSyncs.incrementAndGet();
      file.sync();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
