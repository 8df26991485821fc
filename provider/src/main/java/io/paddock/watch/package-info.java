/**
 * The watch table: which session watches which path, and which notifications a change produces.
 *
 * <p>Pure: no threads, sockets, files, clocks, system properties or randomness. The watcher
 * identity is the session id; the server delivers a {@link io.paddock.watch.WatchTable.Delivery} to
 * whatever connection that session has at the time. Semantics follow ZooKeeper 3.9 (one-shot
 * data/exist/child watches, persistent and persistent-recursive watches, setWatches re-registration
 * on reconnect); see {@link io.paddock.watch.WatchTable}.
 *
 * <p>Allowed dependencies: the JDK and {@code io.paddock.api} only.
 */
package io.paddock.watch;
