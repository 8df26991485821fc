package io.paddock.server;

import io.paddock.admin.StorageMetrics;
import io.paddock.api.ErrorCode;
import io.paddock.config.ServerConfig;
import io.paddock.log.DataDirLock;
import io.paddock.log.Disk;
import io.paddock.log.DiskFile;
import io.paddock.log.LogWriter;
import io.paddock.log.StorageException;
import io.paddock.session.SessionPasswords;
import io.paddock.session.SessionTable;
import io.paddock.snapshot.Recovery;
import io.paddock.tree.DataTree;
import io.paddock.tree.TreeConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A server's data directories, opened: locked against a second server, recovered (newest snapshot
 * plus the log), and holding the session secret, so that sessions survive a restart with the same
 * passwords. Builds the durable pipeline on top. Closing releases the locks.
 */
final class ServerStorage implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ServerStorage.class.getName());

  /** Session passwords are derived from this secret; kept so they stay valid across restarts. */
  static final String SECRET_FILE = "session.secret";

  private static final int SECRET_BYTES = 32;
  private static final int QUEUE_MAX = 10_000;
  private static final int BATCH_MAX = 10_000;
  private static final long RETRY_INTERVAL_MS = 1000;

  /** A segment is closed at this size even without a snapshot. */
  private static final long SEGMENT_BYTES_MAX = 1L << 30;

  private final StorageMetrics metrics = new StorageMetrics();
  private final ServerConfig config;
  private final Disk disk;
  private final List<DataDirLock> locks;
  private final Recovery.Recovered recovered; // standalone: the log replayed into the tree
  private final Recovery.Unapplied unapplied; // ensemble member: the log after the snapshot
  private final byte[] secret;

  private ServerStorage(
      ServerConfig config,
      Disk disk,
      List<DataDirLock> locks,
      Recovery.Recovered recovered,
      Recovery.Unapplied unapplied,
      byte[] secret) {
    this.config = config;
    this.disk = disk;
    this.locks = locks;
    this.recovered = recovered;
    this.unapplied = unapplied;
    this.secret = secret;
  }

  /**
   * Locks and recovers the directories of {@code config}.
   *
   * @throws StorageException if another server uses them or they cannot give a correct state
   */
  static ServerStorage open(ServerConfig config, Disk disk) throws IOException {
    return open(config, disk, false);
  }

  /**
   * Locks and reads the directories of an ensemble member: the newest snapshot as the tree, and the
   * durable log after it NOT applied (the replication core applies what a leader confirms).
   */
  static ServerStorage openMember(ServerConfig config, Disk disk) throws IOException {
    return open(config, disk, true);
  }

  private static ServerStorage open(ServerConfig config, Disk disk, boolean member)
      throws IOException {
    Path dataDir = config.dataDir();
    Path logDir = config.dataLogDir();
    disk.createDirectories(dataDir);
    disk.createDirectories(logDir);
    List<DataDirLock> locks = new ArrayList<>();
    try {
      locks.add(DataDirLock.acquire(dataDir));
      if (!Files.isSameFile(dataDir, logDir)) {
        locks.add(DataDirLock.acquire(logDir));
      }
      long startNs = System.nanoTime();
      TreeConfig treeConfig = treeConfig(config);
      Recovery.Recovered recovered =
          member ? null : Recovery.recover(disk, dataDir, logDir, treeConfig);
      Recovery.Unapplied unapplied =
          member ? Recovery.recoverUnapplied(disk, dataDir, logDir, treeConfig) : null;
      LOG.log(
          Level.INFO,
          "recovery of " + dataDir + " took " + (System.nanoTime() - startNs) / 1_000_000 + " ms");
      byte[] secret = loadOrCreateSecret(disk, dataDir);
      return new ServerStorage(config, disk, locks, recovered, unapplied, secret);
    } catch (IOException | RuntimeException e) {
      closeAll(locks, e);
      throw e;
    }
  }

  Recovery.Recovered recovered() {
    return recovered;
  }

  Recovery.Unapplied unapplied() {
    return unapplied;
  }

  Disk disk() {
    return disk;
  }

  static TreeConfig treeConfig(ServerConfig config) {
    return new TreeConfig(config.juteMaxBufferBytes(), config.enforceQuota());
  }

  byte[] sessionSecret() {
    return secret.clone();
  }

  /**
   * Puts the recovered sessions back into the session table, each with a full timeout from now, as
   * ZooKeeper does: a client that reconnects in time keeps its session and ephemerals; the others
   * expire and their close transactions delete their ephemerals.
   */
  void restoreSessions(SessionTable table, long nowMs) {
    DataTree tree = recovered != null ? recovered.tree() : unapplied.tree();
    for (Map.Entry<Long, Integer> s : tree.sessions().entrySet()) {
      ErrorCode created = table.create(s.getKey(), s.getValue(), nowMs);
      if (created != ErrorCode.OK) {
        LOG.log(
            Level.WARNING,
            "cannot restore session 0x" + Long.toHexString(s.getKey()) + ": " + created);
      }
    }
  }

  /** Log sync and snapshot figures, recorded by the pipeline's threads. */
  StorageMetrics metrics() {
    return metrics;
  }

  /** The durable pipeline over this storage; start it once the server is wired. */
  DurableLogPipeline pipeline(
      DurableLogPipeline.Outcomes outcomes, Consumer<Runnable> onProcessor) {
    LogWriter log = logWriter(recovered.lastZxid());
    SnapshotTaker snapshots = snapshotTaker(recovered.tree(), onProcessor);
    return new DurableLogPipeline(
        disk,
        config.dataLogDir(),
        log,
        snapshots,
        outcomes,
        new DurableLogPipeline.Settings(
            QUEUE_MAX, BATCH_MAX, RETRY_INTERVAL_MS, config.snapCount()));
  }

  /** The log writer, continuing after {@code lastZxid}. */
  LogWriter logWriter(long lastZxid) {
    LogWriter log =
        new LogWriter(
            disk,
            config.dataLogDir(),
            new LogWriter.Options(config.forceSync(), config.preAllocBytes(), SEGMENT_BYTES_MAX),
            lastZxid);
    log.observeSyncs(metrics::fsync);
    return log;
  }

  /** Periodic and on-demand snapshots of {@code tree}, which only the processor thread touches. */
  SnapshotTaker snapshotTaker(DataTree tree, Consumer<Runnable> onProcessor) {
    return new SnapshotTaker(
        disk,
        config.dataDir(),
        config.dataLogDir(),
        tree,
        recovered != null ? recovered.snapshotZxid() : unapplied.snapshotZxid(),
        onProcessor,
        new SnapshotTaker.Settings(
            true, config.snapRetainCount(), config.purgeIntervalHours() * 3_600_000L),
        metrics);
  }

  /** Releases the directory locks. Idempotent. */
  @Override
  public void close() {
    closeAll(locks, null);
    locks.clear();
  }

  private static void closeAll(List<DataDirLock> locks, Exception failure) {
    for (DataDirLock lock : locks) {
      try {
        lock.close();
      } catch (IOException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else {
          LOG.log(Level.WARNING, "releasing a data directory lock failed", e);
        }
      }
    }
  }

  /**
   * The secret in {@code dataDir}, created on first start: random, owner-readable only where the
   * file system has POSIX permissions, written to a temporary name and renamed so it is whole.
   */
  private static byte[] loadOrCreateSecret(Disk disk, Path dataDir) throws IOException {
    Path file = dataDir.resolve(SECRET_FILE);
    if (Files.exists(file)) {
      byte[] secret = Files.readAllBytes(file);
      if (secret.length < SessionPasswords.SECRET_BYTES_MIN
          || secret.length > SessionPasswords.SECRET_BYTES_MAX) {
        throw new StorageException(
            file
                + " holds "
                + secret.length
                + " bytes, not a session secret; delete it to start with a new one (existing"
                + " sessions then cannot reconnect)");
      }
      return secret;
    }
    byte[] secret = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    Path tmp = dataDir.resolve(SECRET_FILE + ".tmp");
    disk.delete(tmp);
    try (DiskFile f = disk.open(tmp, Disk.Mode.CREATE_NEW)) {
      f.write(ByteBuffer.wrap(secret), 0);
      f.sync();
    }
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions protect it.
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    disk.syncDirectory(dataDir);
    return secret;
  }
}
