package io.paddock.quorum.core;

/**
 * How far one learner is behind its leader, as the leader sees it (for operators' figures, never
 * for decisions).
 *
 * @param id the learner's server id
 * @param observer whether it is an observer (it does not vote)
 * @param synced whether it finished syncing and receives the proposal stream
 * @param ackedZxid the last transaction it reported on disk (observers report with their pings)
 * @param lagTransactions the leader's last zxid counter minus the learner's, within the leader's
 *     epoch; while the learner still ends in an older epoch, the leader's epoch's transactions (a
 *     lower bound)
 */
public record LearnerProgress(
    long id, boolean observer, boolean synced, long ackedZxid, long lagTransactions) {}
