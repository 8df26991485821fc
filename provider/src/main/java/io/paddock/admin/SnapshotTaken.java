package io.paddock.admin;

/**
 * A snapshot the admin {@code snapshot} command took.
 *
 * @param lastZxid the last transaction it holds
 * @param sizeBytes the size of the newest snapshot file (compressed), -1 if unknown
 * @param tookNanos from the request to the file being on disk
 */
public record SnapshotTaken(long lastZxid, long sizeBytes, long tookNanos) {}
