package io.paddock.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Appends records to the log directory in the format of {@link LogFormat}. One thread uses it (the
 * log writer); it does the I/O and nothing else: batching, threads and what to tell clients are the
 * caller's.
 *
 * <p>Records are gathered in a buffer and written when it fills or on {@link #sync()}, which then
 * forces the file once: a record is durable only after the {@code sync} that follows its {@link
 * #append}. A new segment is started lazily by the first append after {@link #roll()} (and after
 * opening, so every run of the server starts a segment of its own); its header is synced, and the
 * directory entry too, before any record goes in, so a crash can never leave records behind a torn
 * header.
 *
 * <p>After an I/O error the file's tail is unknown: {@link #abandonUnsynced()} cuts the current
 * segment back to what the last successful sync covered and closes it, so a later start never finds
 * a half-written record in the middle of the log, and the next append starts a new segment.
 */
public final class LogWriter implements AutoCloseable {
  private LongConsumer syncObserver = nanos -> {};
  private static final System.Logger LOG = System.getLogger(LogWriter.class.getName());

  /** Records are written out once this many bytes are buffered. */
  private static final int BUFFER_BYTES = 1 << 20;

  /**
   * How the writer behaves.
   *
   * @param forceSync whether {@link #sync()} forces data to the device (off only for tests and
   *     throw-away servers: a power failure can then lose acknowledged writes)
   * @param preAllocBytes space reserved ahead of the writes, in steps of this size (0: none)
   * @param segmentBytesMax a segment longer than this is closed and a new one started
   */
  public record Options(boolean forceSync, long preAllocBytes, long segmentBytesMax) {
    public Options {
      if (preAllocBytes < 0 || segmentBytesMax < LogFormat.HEADER_BYTES) {
        throw new IllegalArgumentException(
            "preAllocBytes " + preAllocBytes + ", segmentBytesMax " + segmentBytesMax);
      }
    }
  }

  private final Disk disk;
  private final Path dir;
  private final Options options;
  private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

  private DiskFile current;
  private Path currentPath;
  private long writePos; // bytes of the current segment written to the file
  private long syncedPos; // bytes of the current segment covered by a successful sync
  private long allocatedEnd; // file length reserved so far
  private long lastAppendedZxid;
  private long lastSyncedZxid;
  // What the next segment's header names as prevZxid: where the durable history before it ends.
  // Usually lastSyncedZxid; after a truncation to a zxid the log does not hold, the record before.
  private long chainZxid;
  private long syncs;
  private long bytesWritten;

  /**
   * A writer for {@code dir} whose next record follows {@code lastZxid}, the last durable zxid
   * found by recovery (0 for an empty log). It writes nothing until the first append.
   */
  public LogWriter(Disk disk, Path dir, Options options, long lastZxid) {
    this.disk = disk;
    this.dir = dir;
    this.options = options;
    this.lastAppendedZxid = lastZxid;
    this.lastSyncedZxid = lastZxid;
    this.chainZxid = lastZxid;
  }

  /**
   * Adds a record; it is durable after the next successful {@link #sync()}.
   *
   * @throws IllegalArgumentException if {@code zxid} does not follow the last one
   */
  public void append(long zxid, byte[] payload) throws IOException {
    if (zxid <= lastAppendedZxid) {
      throw new IllegalArgumentException(
          "zxid 0x"
              + Long.toHexString(zxid)
              + " after 0x"
              + Long.toHexString(lastAppendedZxid)
              + "; zxids must increase");
    }
    if (current == null) {
      openSegment(zxid);
    }
    int bytes = LogFormat.recordBytes(payload.length);
    if (buffer.remaining() < bytes) {
      writeBuffer();
      if (buffer.capacity() < bytes) {
        buffer = ByteBuffer.allocate(bytes);
      }
    }
    LogFormat.putRecord(buffer, zxid, payload);
    lastAppendedZxid = zxid;
  }

  /**
   * Sets who hears how long each sync to the device took, in ns (for the fsync metric); called on
   * the writer's thread. Replaces any earlier observer.
   */
  public void observeSyncs(LongConsumer observer) {
    this.syncObserver = java.util.Objects.requireNonNull(observer, "observer");
  }

  /**
   * Writes what is buffered and forces it to the device: one sync for all appends since the last.
   */
  public void sync() throws IOException {
    if (current == null) {
      return;
    }
    writeBuffer();
    if (syncedPos == writePos) {
      return;
    }
    if (options.forceSync()) {
      long startNs = System.nanoTime();
      current.sync();
      syncObserver.accept(System.nanoTime() - startNs);
      syncs++;
    }
    syncedPos = writePos;
    lastSyncedZxid = lastAppendedZxid;
    chainZxid = lastSyncedZxid;
    if (writePos >= options.segmentBytesMax()) {
      roll();
    }
  }

  /** Closes the current segment after the last sync; the next append starts a new one. */
  public void roll() throws IOException {
    if (current == null) {
      return;
    }
    if (syncedPos != writePos || buffer.position() > 0) {
      throw new IllegalStateException("roll with unsynced records in " + currentPath);
    }
    DiskFile f = current;
    current = null;
    currentPath = null;
    f.close();
  }

  /**
   * After an I/O error: drops everything not covered by a successful sync, cuts the current segment
   * back to what was, and closes it. Throws if the disk still fails; call again later.
   */
  public void abandonUnsynced() throws IOException {
    buffer.clear();
    lastAppendedZxid = lastSyncedZxid;
    if (current == null) {
      return;
    }
    // openSegment synced the header before the segment became current, so syncedPos covers it.
    current.truncate(syncedPos);
    current.sync();
    current.close();
    LOG.log(
        Level.INFO,
        "log segment " + currentPath + " cut back to its last synced record at byte " + syncedPos);
    current = null;
    currentPath = null;
  }

  /**
   * Durably removes every record with a zxid above {@code zxid}, synced or not, for a Zab TRUNC:
   * writes out what is buffered, closes the current segment, deletes every segment that starts
   * after {@code zxid} (newest first), cuts the one holding {@code zxid} right after that record,
   * and syncs file and directory before returning; records up to {@code zxid} are then all durable,
   * including ones appended but not yet synced. The next append must be above {@code zxid} and
   * starts a new segment, chained to the last record kept; {@link LogRecovery#replay} then sees
   * exactly the records up to {@code zxid}. A no-op when nothing above {@code zxid} was appended.
   *
   * <p>A crash part-way leaves a prefix of the old log that still reaches {@code zxid} (see {@link
   * LogTruncation}): recovery accepts it, with the records that were to go as its tail, and calling
   * this again after the restart finishes the job. Do not act on the truncation (acknowledge the
   * leader) before it returns.
   *
   * <p>Truncating below the snapshot the tree was loaded from cannot undo what the snapshot holds:
   * the caller must not ask for it. After an exception the log's state is one of those a crash
   * would leave; call again, or stop.
   */
  public void truncateAfter(long zxid) throws IOException {
    if (zxid < 0) {
      throw new IllegalArgumentException("zxid must be >= 0: " + zxid);
    }
    if (zxid >= lastAppendedZxid) {
      return;
    }
    if (current != null) {
      // Buffered records up to zxid stay: written now, they are kept durably by the cut's sync.
      writeBuffer();
    }
    dropCurrent();
    // Until the files are cut, nothing may be appended: a failure below leaves the writer refusing
    // zxids up to the old end, as a crash would leave recovery's view.
    chainZxid = LogTruncation.truncateAfter(disk, dir, zxid);
    lastAppendedZxid = zxid;
    lastSyncedZxid = zxid;
  }

  /**
   * Durably deletes every segment, for a snapshot install: the next append starts a fresh segment
   * whose history begins after {@code baseZxid} (the installed snapshot's zxid, which may be below
   * or above the old end of the log) and must have a zxid above it.
   *
   * <p>Install the snapshot durably first, then discard: a crash in between then recovers from the
   * new snapshot, with whatever old segments remain as a log that ends before it or as an
   * uncommitted tail the leader will truncate. The other order would let a crash take this server
   * back to its older snapshot, forgetting transactions it may have acknowledged. Segments are
   * deleted newest first, so a crash part-way leaves an unbroken prefix of the old chain.
   */
  public void discardAll(long baseZxid) throws IOException {
    if (baseZxid < 0) {
      throw new IllegalArgumentException("baseZxid must be >= 0: " + baseZxid);
    }
    dropCurrent();
    LogTruncation.deleteAll(disk, dir);
    lastAppendedZxid = baseZxid;
    lastSyncedZxid = baseZxid;
    chainZxid = baseZxid;
  }

  /** The zxid of the last record a successful sync covered. */
  public long lastSyncedZxid() {
    return lastSyncedZxid;
  }

  /** Syncs done so far (file syncs for records, not counting new segments' headers). */
  public long syncs() {
    return syncs;
  }

  /** Record bytes written so far. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** The segment being written, or null between segments. */
  public Path currentSegment() {
    return currentPath;
  }

  /** Closes the current segment without syncing what is buffered (sync first to keep it). */
  @Override
  public void close() throws IOException {
    buffer.clear();
    if (current != null) {
      DiskFile f = current;
      current = null;
      f.close();
    }
  }

  /** Forgets what is buffered and closes the current segment, unsynced: its tail is cut next. */
  private void dropCurrent() throws IOException {
    buffer.clear();
    if (current != null) {
      DiskFile f = current;
      current = null;
      currentPath = null;
      f.close();
    }
  }

  private void openSegment(long firstZxid) throws IOException {
    Path path = dir.resolve(LogFormat.segmentName(firstZxid));
    DiskFile f = disk.open(path, Disk.Mode.CREATE_NEW);
    try {
      f.write(LogFormat.header(firstZxid, chainZxid), 0);
      allocatedEnd = LogFormat.HEADER_BYTES;
      writePos = LogFormat.HEADER_BYTES;
      reserve(f, LogFormat.HEADER_BYTES + 1L);
      f.sync();
      disk.syncDirectory(dir);
    } catch (IOException | RuntimeException e) {
      f.close();
      try {
        disk.delete(path);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    current = f;
    currentPath = path;
    syncedPos = writePos;
  }

  private void writeBuffer() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    int bytes = buffer.remaining();
    reserve(current, writePos + bytes);
    current.write(buffer, writePos);
    writePos += bytes;
    bytesWritten += bytes;
    buffer.clear();
  }

  /**
   * Makes the file at least {@code end} bytes long, in steps of the preallocation size. Writes one
   * zero byte at the new end, as ZooKeeper does: the length no longer changes on every sync; the
   * file system allocates blocks as the records land (Java has no portable fallocate).
   */
  private void reserve(DiskFile f, long end) throws IOException {
    if (end <= allocatedEnd || options.preAllocBytes() == 0) {
      return;
    }
    long steps = (end - allocatedEnd + options.preAllocBytes() - 1) / options.preAllocBytes();
    long newEnd = allocatedEnd + steps * options.preAllocBytes();
    f.write(ByteBuffer.allocate(1), newEnd - 1);
    allocatedEnd = newEnd;
  }
}
