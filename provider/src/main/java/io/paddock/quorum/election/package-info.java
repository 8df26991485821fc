/**
 * Fast leader election, ZooKeeper style: a LOOKING participant proposes itself, adopts any better
 * vote (higher current epoch, then last zxid, then server id), re-sends its vote every tick or two,
 * and decides once a quorum of its round agrees and no better vote arrived for a short random wait.
 * A peer that comes late learns the leader from a quorum of settled peers. Observers never vote;
 * they only learn the leader that way.
 *
 * <p>Safety does not rest on the election: a leader still needs a quorum to accept its epoch and
 * steps down if one of them is ahead of it (see {@code quorum.broadcast.Leader}). The election only
 * makes it likely that the first choice works.
 *
 * <p>Pure. Allowed dependencies: {@code io.paddock.quorum.core}, {@code io.paddock.txn} and the
 * JDK.
 */
package io.paddock.quorum.election;
