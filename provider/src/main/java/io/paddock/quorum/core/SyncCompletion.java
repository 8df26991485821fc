package io.paddock.quorum.core;

/**
 * A {@code sync} this server asked for is done: it has committed everything the leader had proposed
 * when the sync reached it, up to {@code zxid}. Answer the client once transactions up to {@code
 * zxid} are applied.
 */
public record SyncCompletion(long requestId, long zxid) {}
