/**
 * Transactions: a client write plus everything decided once by the leader (zxid, time, session, the
 * caller's authenticated ids). Every replica applies the same transactions in the same order with
 * the same pure function, so a replica's state is {@code fold(apply, snapshot, log)}.
 *
 * <p>Allowed dependencies: {@code io.paddock.api} and the JDK. Pure: no I/O, threads or clocks.
 */
package io.paddock.txn;
