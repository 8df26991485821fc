package io.paddock.log;

import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import io.paddock.txn.TxnGen;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Builds logs for tests. */
public final class LogTestSupport {
  private LogTestSupport() {}

  /**
   * Writes {@code count} generated transactions starting at zxid {@code firstZxid + 1 ... }, one
   * sync each, rolling to a new segment every {@code perSegment}.
   */
  public static List<Txn> writeLog(
      Disk disk, Path dir, long seed, long afterZxid, int count, int perSegment, long preAlloc)
      throws IOException {
    List<Txn> txns = new ArrayList<>();
    TxnGen gen = new TxnGen(seed, afterZxid + 1);
    try (LogWriter w =
        new LogWriter(disk, dir, new LogWriter.Options(true, preAlloc, 1L << 30), afterZxid)) {
      for (int i = 0; i < count; i++) {
        Txn txn = gen.next();
        w.append(txn.zxid(), TxnCodec.encode(txn));
        w.sync();
        txns.add(txn);
        if ((i + 1) % perSegment == 0) {
          w.roll();
        }
      }
    }
    return txns;
  }

  /** Everything a replay after {@code afterZxid} hands out. */
  public static List<Txn> replay(Disk disk, Path dir, long afterZxid) throws IOException {
    List<Txn> out = new ArrayList<>();
    LogRecovery.replay(disk, dir, afterZxid, out::add);
    return out;
  }

  /** Overwrites bytes of a file. */
  public static void overwrite(Path file, long position, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes), position);
    }
  }

  /** Flips one bit of a file. */
  public static void flipBit(Path file, long position, int bit) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, position);
      b.put(0, (byte) (b.get(0) ^ (1 << bit)));
      b.rewind();
      ch.write(b, position);
    }
  }
}
