package io.paddock.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations storage needs, and nothing more: the seam where tests inject failures (a full
 * disk, a failing sync) and count syncs, and where the simulator will put a disk that loses what
 * was not synced. {@link #real()} is the machine's file system.
 *
 * <p>Implementations must be safe for use from several threads (the log writer and the snapshot
 * thread share one); a {@link DiskFile} is used by one thread at a time.
 */
public interface Disk {
  /** How to open a file. */
  enum Mode {
    /** Read only; the file must exist. */
    READ,
    /** Read and write; the file must not exist yet. */
    CREATE_NEW,
    /** Read and write; the file must exist. */
    WRITE_EXISTING
  }

  /** Opens {@code file}. */
  DiskFile open(Path file, Mode mode) throws IOException;

  /** The names of the regular files in {@code dir}, in no particular order. */
  List<String> list(Path dir) throws IOException;

  /** The names of the sub-directories of {@code dir}. */
  List<String> listDirectories(Path dir) throws IOException;

  /** Deletes {@code file} if it exists. */
  void delete(Path file) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing {@code to} if present. */
  void moveAtomically(Path from, Path to) throws IOException;

  /** Makes the directory's entries (files created, renamed, deleted) durable. */
  void syncDirectory(Path dir) throws IOException;

  /** Creates {@code dir} and its parents if missing. */
  void createDirectories(Path dir) throws IOException;

  /** The real file system. */
  static Disk real() {
    return RealDisk.INSTANCE;
  }
}
