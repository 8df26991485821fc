/**
 * Transactions: a client write plus everything the leader decides once (zxid, leader timestamp,
 * session id, the caller's authenticated ids), as immutable records. Every replica applies the same
 * transactions in the same order with {@code io.paddock.tree.DataTree#apply}, so a {@link
 * io.paddock.txn.Txn} must carry every input that apply needs and nothing that differs between
 * replicas.
 *
 * <p>Pure package: no threads, sockets, files, clocks or randomness. Allowed dependencies: the JDK
 * and {@code io.paddock.api}.
 */
package io.paddock.txn;
