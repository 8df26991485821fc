package io.paddock.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, so two servers never write the same files: an OS file lock
 * on {@value #FILE_NAME} inside it, held until {@link #close()} or the process ends (the OS drops
 * it then, so a killed server leaves no stale lock behind). Works across processes and, via {@link
 * OverlappingFileLockException}, between servers in one JVM.
 */
public final class DataDirLock implements AutoCloseable {
  /** The lock file's name. */
  public static final String FILE_NAME = "paddock.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir}, which must exist.
   *
   * @throws StorageException if another server holds the lock
   * @throws IOException if the lock file cannot be opened
   */
  public static DataDirLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new StorageException(
          "data directory "
              + dir.toAbsolutePath()
              + " is in use by another Paddock server (it holds the lock on "
              + file.getFileName()
              + "); stop that server or give this one another dataDir/dataLogDir");
    }
    return new DataDirLock(channel, lock);
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
