package io.paddock.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An open file of a {@link Disk}. Positional reads and writes only; one thread at a time. */
public interface DiskFile extends Closeable {
  /**
   * Reads into {@code dst} from {@code position}; returns the bytes read, -1 at end of file. May
   * read fewer bytes than asked.
   */
  int read(ByteBuffer dst, long position) throws IOException;

  /** Writes all of {@code src} at {@code position}. */
  void write(ByteBuffer src, long position) throws IOException;

  /** The file's length in bytes. */
  long size() throws IOException;

  /** Cuts the file to {@code length} bytes. */
  void truncate(long length) throws IOException;

  /** Forces written data to the device (fdatasync: metadata only if needed to read the data). */
  void sync() throws IOException;
}
