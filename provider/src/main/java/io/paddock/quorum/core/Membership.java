package io.paddock.quorum.core;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is in the ensemble: participants (they vote and acknowledge proposals) and observers (they
 * only learn committed transactions). A quorum is a strict majority of the participants.
 */
public final class Membership {
  /** Server ids are positive and at most ZooKeeper's limit for {@code myid}. */
  public static final long SERVER_ID_MAX = 255L * 256 * 256 * 256;

  /** An ensemble bigger than this is a configuration mistake, not a deployment. */
  public static final int MEMBERS_MAX = 255;

  private final List<Long> participants;
  private final List<Long> observers;
  private final Set<Long> participantSet;
  private final Set<Long> observerSet;

  /** An ensemble; ids must be distinct and positive, and there must be at least one participant. */
  public Membership(Collection<Long> participants, Collection<Long> observers) {
    TreeSet<Long> p = new TreeSet<>(participants);
    TreeSet<Long> o = new TreeSet<>(observers);
    if (p.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one participant");
    }
    if (p.size() != participants.size() || o.size() != observers.size()) {
      throw new IllegalArgumentException("duplicate server ids in " + participants + observers);
    }
    if (p.size() + o.size() > MEMBERS_MAX) {
      throw new IllegalArgumentException(
          "ensemble of " + (p.size() + o.size()) + " servers exceeds " + MEMBERS_MAX);
    }
    Set<Long> both = new HashSet<>(p);
    both.retainAll(o);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException("servers both participant and observer: " + both);
    }
    for (long id : p) {
      checkId(id);
    }
    for (long id : o) {
      checkId(id);
    }
    this.participants = List.copyOf(p);
    this.observers = List.copyOf(o);
    this.participantSet = Set.copyOf(p);
    this.observerSet = Set.copyOf(o);
  }

  /** An ensemble of participants only. */
  public static Membership of(Long... participants) {
    return new Membership(List.of(participants), List.of());
  }

  private static void checkId(long id) {
    if (id <= 0 || id > SERVER_ID_MAX) {
      throw new IllegalArgumentException("server id " + id + " out of range 1.." + SERVER_ID_MAX);
    }
  }

  /** Participant ids, ascending. */
  public List<Long> participants() {
    return participants;
  }

  /** Observer ids, ascending. */
  public List<Long> observers() {
    return observers;
  }

  public boolean isParticipant(long id) {
    return participantSet.contains(id);
  }

  public boolean isObserver(long id) {
    return observerSet.contains(id);
  }

  public boolean isMember(long id) {
    return participantSet.contains(id) || observerSet.contains(id);
  }

  /** How many participants make a quorum. */
  public int quorumSize() {
    return participants.size() / 2 + 1;
  }

  /** True if the participants among {@code ids} form a quorum (non-participants are ignored). */
  public boolean isQuorum(Collection<Long> ids) {
    int count = 0;
    for (long id : new HashSet<>(ids)) {
      if (participantSet.contains(id)) {
        count++;
      }
    }
    return count >= quorumSize();
  }

  @Override
  public String toString() {
    return "Membership{participants=" + participants + ", observers=" + observers + "}";
  }
}
