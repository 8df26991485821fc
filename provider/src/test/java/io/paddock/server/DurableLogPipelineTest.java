package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.admin.StorageMetrics;
import io.paddock.api.ErrorCode;
import io.paddock.log.FaultyDisk;
import io.paddock.log.LogRecovery;
import io.paddock.log.LogWriter;
import io.paddock.snapshot.Recovery;
import io.paddock.tree.DataTree;
import io.paddock.tree.TreeAssert;
import io.paddock.tree.TreeConfig;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnGen;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on its own: a single-thread executor plays the processor, applying committed
 * transactions to a tree; the disk seam holds, fails and counts syncs.
 */
class DurableLogPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TreeConfig MAX = new TreeConfig(1 << 20);

  @TempDir Path dir;
  private final FaultyDisk disk = new FaultyDisk();
  private final ExecutorService processor = Executors.newSingleThreadExecutor();
  private final DataTree tree = new DataTree(MAX);
  private final List<Long> committed = new CopyOnWriteArrayList<>();
  private final List<Long> failed = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<Long, Long> syncsAtSubmit = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final TxnGen gen = new TxnGen(7, 1);
  private DurableLogPipeline pipeline;

  @BeforeEach
  void start() {
    pipeline = pipeline(1_000_000);
  }

  private DurableLogPipeline pipeline(int snapCount) {
    DurableLogPipeline.Outcomes outcomes =
        new DurableLogPipeline.Outcomes() {
          @Override
          public void committed(RequestProcessor.PendingWrite w) {
            long zxid = w.txn().zxid();
            if (disk.fileSyncs() <= syncsAtSubmit.get(zxid)) {
              violations.add("0x" + Long.toHexString(zxid) + " committed before a sync");
            }
            processor.execute(
                () -> {
                  tree.apply(w.txn());
                  committed.add(zxid);
                });
          }

          @Override
          public void failed(RequestProcessor.PendingWrite w, ErrorCode error) {
            if (error != DurableLogPipeline.WRITE_REFUSED) {
              violations.add("unexpected " + error);
            }
            processor.execute(() -> failed.add(w.txn().zxid()));
          }
        };
    LogWriter log = new LogWriter(disk, dir, new LogWriter.Options(true, 1 << 16, 1L << 30), 0);
    SnapshotTaker snapshots =
        new SnapshotTaker(
            disk,
            dir,
            dir,
            tree,
            0,
            processor::execute,
            new SnapshotTaker.Settings(true, 3, 0),
            new StorageMetrics());
    DurableLogPipeline p =
        new DurableLogPipeline(
            disk,
            dir,
            log,
            snapshots,
            outcomes,
            new DurableLogPipeline.Settings(100, 1000, 50, snapCount));
    p.start("test");
    return p;
  }

  @AfterEach
  void stop() {
    disk.openSyncs();
    pipeline.close();
    processor.shutdown();
  }

  private void submit(int count) {
    for (int i = 0; i < count; i++) {
      Txn txn = gen.next();
      syncsAtSubmit.put(txn.zxid(), disk.fileSyncs());
      pipeline.submit(new RequestProcessor.PendingWrite(txn, null, null, null, null, 0));
    }
  }

  @Test
  void everythingQueuedDuringASyncIsCoveredByTheNextOne() {
    submit(1); // creates the segment (its header sync) and syncs the first record
    await().atMost(WAIT).until(() -> committed.size() == 1);
    long before = disk.fileSyncs();
    disk.holdSyncs();
    submit(1);
    await().atMost(WAIT).until(() -> disk.syncsWaiting() == 1);
    submit(99); // the writer is inside the sync: these wait in the queue
    assertThat(committed).hasSize(1);
    disk.openSyncs();
    await().atMost(WAIT).until(() -> committed.size() == 101);
    assertThat(disk.fileSyncs() - before).as("one held sync, then one for all 99").isEqualTo(2);
    assertThat(committed).isSorted();
    assertThat(violations).isEmpty();
  }

  @Test
  void aFullQueueBlocksTheSubmitterUntilTheWriterMakesRoom() throws Exception {
    submit(1);
    await().atMost(WAIT).until(() -> committed.size() == 1);
    disk.holdSyncs();
    submit(1);
    await().atMost(WAIT).until(() -> disk.syncsWaiting() == 1);
    Thread submitter = new Thread(() -> submit(150)); // the queue holds 100
    submitter.start();
    await().atMost(WAIT).until(() -> submitter.getState() == Thread.State.TIMED_WAITING);
    assertThat(submitter.isAlive()).isTrue();
    disk.openSyncs();
    submitter.join(WAIT.toMillis());
    assertThat(submitter.isAlive()).isFalse();
    await().atMost(WAIT).until(() -> committed.size() == 152);
    assertThat(committed).isSorted();
    assertThat(violations).isEmpty();
  }

  @Test
  void aFailingDiskRefusesEveryWriteUntilItWorksAgain() throws Exception {
    submit(10);
    await().atMost(WAIT).until(() -> committed.size() == 10);
    disk.failSyncs(true);
    submit(20);
    await().atMost(WAIT).until(() -> failed.size() == 20);
    assertThat(pipeline.stats().failing()).isTrue();
    submit(5);
    await().atMost(WAIT).until(() -> failed.size() == 25);
    disk.failSyncs(false);
    await().atMost(WAIT).until(() -> !pipeline.stats().failing());
    submit(10);
    await().atMost(WAIT).until(() -> committed.size() == 20);
    assertThat(violations).isEmpty();
    pipeline.close();
    // The log holds exactly the committed transactions, and replays to the same tree.
    List<Long> logged = new CopyOnWriteArrayList<>();
    LogRecovery.replay(disk, dir, 0, t -> logged.add(t.zxid()));
    assertThat(logged).containsExactlyElementsOf(committed);
    await().atMost(WAIT).until(() -> processor.submit(() -> true).get());
    DataTree recovered = Recovery.recover(disk, dir, dir, MAX).tree();
    TreeAssert.assertSameState(recovered, processorCopy());
  }

  @Test
  void aSnapshotIsTakenEverySnapCountTransactionsAtABatchBoundary() throws Exception {
    pipeline.close();
    pipeline = pipeline(50);
    // One starts every 50 transactions unless one is still being written: write until three.
    for (int i = 1; pipeline.snapshots().stats().taken() < 3; i++) {
      assertThat(i).as("batches without three snapshots").isLessThan(200);
      submit(10);
      int expected = 10 * i;
      await().atMost(WAIT).until(() -> committed.size() == expected);
    }
    await().atMost(WAIT).until(() -> processor.submit(() -> tree.pendingMerge() == 0).get());
    pipeline.close();
    TreeAssert.assertSameState(Recovery.recover(disk, dir, dir, MAX).tree(), processorCopy());
    assertThat(violations).isEmpty();
  }

  /** The tree as the processor left it, read on the processor thread. */
  private DataTree processorCopy() throws Exception {
    return processor.submit(() -> tree).get();
  }
}
