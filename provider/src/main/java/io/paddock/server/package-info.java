/**
 * The composition root: wires the request pipeline (admit, order, replicate, log, apply, reply +
 * watches) and owns every thread of a server. {@link io.paddock.server.PaddockServer} is the entry
 * point for embedding, {@link io.paddock.server.ServerMain} for the command line.
 *
 * <p>Threads: one selector thread ({@link io.paddock.server.ConnectionLoop}) decodes frames and
 * writes replies; one processor thread ({@link io.paddock.server.RequestProcessor}) owns the data
 * tree, sessions and watches, so all state changes happen in one place, in zxid order; one log
 * writer thread makes transactions durable with group commit, and one snapshot thread writes
 * snapshots ({@link io.paddock.server.DurableLogPipeline}, {@link
 * io.paddock.server.SnapshotTaker}).
 *
 * <p>Allowed dependencies: everything in {@code io.paddock}.
 */
package io.paddock.server;
