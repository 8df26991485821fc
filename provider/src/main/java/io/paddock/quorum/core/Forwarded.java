package io.paddock.quorum.core;

import io.paddock.txn.Txn;

/**
 * A write a learner forwarded to this leader: stamp its time and call {@code Peer.propose} with it,
 * in the order given, before asking for the next {@link Ready} (capacity for it was reserved, so
 * the proposal is not refused as BUSY).
 *
 * @param from the learner it came from
 * @param draft the transaction without zxid
 */
public record Forwarded(long from, Txn draft) {}
