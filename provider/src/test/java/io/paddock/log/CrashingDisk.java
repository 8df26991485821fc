package io.paddock.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The real disk, "crashing" after a budget of changing operations: the operation that exceeds the
 * budget and every later one fail, as if the process had died just before it. Reads always work, so
 * a test can then run recovery on what the steps before the crash left. What a real crash also
 * does, losing data that was not synced, is not modelled: this checks the order of the steps.
 */
final class CrashingDisk implements Disk {
  private final Disk real = Disk.real();
  private int budget = Integer.MAX_VALUE;
  private int used;

  /** Allows {@code steps} more changing operations, then crashes. */
  void crashAfter(int steps) {
    budget = steps;
    used = 0;
  }

  /** No crash any more (the restart). */
  void heal() {
    budget = Integer.MAX_VALUE;
  }

  boolean crashed() {
    return used > budget;
  }

  private void step() throws IOException {
    used++;
    if (used > budget) {
      throw new IOException("crash (injected) at step " + used);
    }
  }

  @Override
  public DiskFile open(Path file, Mode mode) throws IOException {
    if (mode == Mode.CREATE_NEW) {
      step();
    }
    DiskFile f = real.open(file, mode);
    return new DiskFile() {
      @Override
      public int read(ByteBuffer dst, long position) throws IOException {
        return f.read(dst, position);
      }

      @Override
      public void write(ByteBuffer src, long position) throws IOException {
        step();
        f.write(src, position);
      }

      @Override
      public long size() throws IOException {
        return f.size();
      }

      @Override
      public void truncate(long length) throws IOException {
        step();
        f.truncate(length);
      }

      @Override
      public void sync() throws IOException {
        step();
        f.sync();
      }

      @Override
      public void close() throws IOException {
        f.close();
      }
    };
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
    step();
    real.delete(file);
  }

  @Override
  public void moveAtomically(Path from, Path to) throws IOException {
    step();
    real.moveAtomically(from, to);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    step();
    real.syncDirectory(dir);
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    step();
    real.createDirectories(dir);
  }
}
