/**
 * The write-ahead transaction log: segment files of length + CRC32C + zxid records ({@link
 * io.paddock.log.LogFormat}), the appender that batches records under one sync ({@link
 * io.paddock.log.LogWriter}), recovery that replays the log and cuts a torn tail ({@link
 * io.paddock.log.LogRecovery}), truncation of a divergent tail and discarding the log for a
 * snapshot install ({@link io.paddock.log.LogTruncation}), the Zab epochs kept in an atomically
 * replaced file ({@link io.paddock.log.EpochFile}), the data directory lock, and the {@link
 * io.paddock.log.Disk} seam all storage goes through so tests can inject failures. No threads: the
 * server owns them.
 *
 * <p>An edge package. Allowed dependencies: {@code io.paddock.txn}, {@code io.paddock.api} and the
 * JDK.
 */
package io.paddock.log;
