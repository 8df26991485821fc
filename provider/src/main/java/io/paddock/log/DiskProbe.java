package io.paddock.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Whether a directory takes data again after a failure (a full disk, an I/O error): writes a small
 * file, syncs it and deletes it. 64 KiB, so that a disk with a few bytes free does not pass.
 */
public final class DiskProbe {
  private static final String FILE = ".paddock-disk-probe";
  private static final int BYTES = 64 * 1024;

  private DiskProbe() {}

  /**
   * Writes, syncs and deletes the probe file in {@code dir}.
   *
   * @throws IOException if the directory still refuses a synced write
   */
  public static void writeAndSync(Disk disk, Path dir) throws IOException {
    Path probe = dir.resolve(FILE);
    disk.delete(probe);
    try (DiskFile f = disk.open(probe, Disk.Mode.CREATE_NEW)) {
      f.write(ByteBuffer.allocate(BYTES), 0);
      f.sync();
    } finally {
      disk.delete(probe);
    }
  }
}
