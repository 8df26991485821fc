package io.paddock.snapshot;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.log.Disk;
import io.paddock.log.DiskFile;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.TreeConfig;
import io.paddock.tree.TreeTxnGen;
import io.paddock.txn.Txn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot thread writes a frozen view (the server's path: {@link SnapshotWriter}) while this
 * thread, the owner, goes on applying creates, deletes, setData, setACL, multis, session closes and
 * quota updates. The file read back is the state at the freeze zxid, as replayed from the same
 * transactions. The writer's first file write waits until the owner has applied a share of the
 * changes, and the body is not compressed, so that first write comes early in the walk: the two
 * threads surely overlap. Every wait has a deadline.
 */
class ConcurrentSnapshotTest {
  private static final TreeConfig MAX = new TreeConfig(1 << 20);
  private static final long WAIT_S = 60;

  @TempDir Path dir;

  private static DataTree replay(List<Txn> txns) {
    DataTree tree = new DataTree(MAX);
    txns.forEach(tree::apply);
    return tree;
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void aSnapshotWrittenDuringAppliesIsTheStateAtItsZxid(long seed) throws Exception {
    TreeTxnGen gen = new TreeTxnGen(seed);
    List<Txn> before = new ArrayList<>(gen.bulk(30_000));
    before.addAll(gen.next(3000));
    List<Txn> after = gen.next(20_000);
    DataTree tree = replay(before);
    FrozenTree view = tree.freeze();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch applied = new CountDownLatch(1);
    Disk gated = new GatedDisk(Disk.real(), writing, applied);
    ExecutorService snapshotThread = Executors.newSingleThreadExecutor();
    SnapshotWriter.Written w;
    try {
      Future<SnapshotWriter.Written> written =
          snapshotThread.submit(() -> SnapshotWriter.write(gated, dir, view, false));
      for (int i = 0; i < after.size(); i++) {
        tree.apply(after.get(i));
        if (i == after.size() / 4) {
          applied.countDown();
        }
      }
      assertThat(writing.await(WAIT_S, TimeUnit.SECONDS)).as("the writer started").isTrue();
      w = written.get(WAIT_S, TimeUnit.SECONDS);
    } finally {
      snapshotThread.shutdownNow();
    }
    assertThat(tree.pendingMerge()).as("changed nodes saved for the view").isPositive();
    tree.release(view);
    assertThat(tree.pendingMerge()).isZero();
    assertThat(w.zxid()).isEqualTo(before.size());
    assertThat(w.nodes()).isEqualTo(view.nodeCount());
    assertSameState(SnapshotReader.read(Disk.real(), w.path(), MAX), replay(before));
    List<Txn> all = new ArrayList<>(before);
    all.addAll(after);
    assertSameState(tree, replay(all));
  }

  /** The real disk, except that the first write of a file waits for {@code go}. */
  private static final class GatedDisk implements Disk {
    private final Disk real;
    private final CountDownLatch started;
    private final CountDownLatch go;

    GatedDisk(Disk real, CountDownLatch started, CountDownLatch go) {
      this.real = real;
      this.started = started;
      this.go = go;
    }

    @Override
    public DiskFile open(Path file, Mode mode) throws IOException {
      DiskFile f = real.open(file, mode);
      return new DiskFile() {
        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
          return f.read(dst, position);
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
          started.countDown();
          try {
            if (!go.await(WAIT_S, TimeUnit.SECONDS)) {
              throw new IOException("the owner did not apply in time");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
          f.write(src, position);
        }

        @Override
        public long size() throws IOException {
          return f.size();
        }

        @Override
        public void truncate(long length) throws IOException {
          f.truncate(length);
        }

        @Override
        public void sync() throws IOException {
          f.sync();
        }

        @Override
        public void close() throws IOException {
          f.close();
        }
      };
    }

    @Override
    public List<String> list(Path d) throws IOException {
      return real.list(d);
    }

    @Override
    public List<String> listDirectories(Path d) throws IOException {
      return real.listDirectories(d);
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
    public void syncDirectory(Path d) throws IOException {
      real.syncDirectory(d);
    }

    @Override
    public void createDirectories(Path d) throws IOException {
      real.createDirectories(d);
    }
  }
}
