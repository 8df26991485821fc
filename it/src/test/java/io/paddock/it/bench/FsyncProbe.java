package io.paddock.it.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * The disk's own cost of a durable small write, the floor under any server's single-client write
 * latency: append a small record to a preallocated file and force it, many times, timing each pair.
 *
 * <p>Like both servers' transaction logs: the file is preallocated (so a record does not change the
 * file size) and forced with {@code force(false)} (fdatasync: data, not metadata).
 */
final class FsyncProbe {
  /** Between the 100 and 200 bytes a small setData takes in either server's log. */
  static final int RECORD_BYTES = 150;

  private FsyncProbe() {}

  /** Latencies in nanoseconds of {@code samples} write + force pairs on a file in {@code dir}. */
  static Histogram measure(Path dir, int samples) throws IOException {
    Path file = dir.resolve("fsync-probe.bin");
    Histogram latencyNanos = new Histogram(LoadRunner.LATENCY_NANOS_MAX, 3);
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ)) {
      long fileBytes = (long) samples * RECORD_BYTES;
      ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
      for (long position = 0; position < fileBytes; position += zeros.capacity()) {
        zeros.clear();
        channel.write(zeros, position);
      }
      channel.force(true);
      byte[] record = new byte[RECORD_BYTES];
      new Random(1).nextBytes(record);
      for (int i = 0; i < samples; i++) {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        long start = System.nanoTime();
        while (buffer.hasRemaining()) {
          channel.write(buffer, (long) i * RECORD_BYTES + buffer.position());
        }
        channel.force(false);
        latencyNanos.recordValue(Math.min(System.nanoTime() - start, LoadRunner.LATENCY_NANOS_MAX));
      }
    } finally {
      Files.deleteIfExists(file);
    }
    return latencyNanos;
  }
}
