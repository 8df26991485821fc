package io.paddock.tree;

import io.paddock.api.Acl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns ACL lists with reference counts, so a million nodes with the same ACL share one list
 * (ZooKeeper's ReferenceCountedACLCache has the same purpose). An entry disappears when its last
 * node does.
 */
final class AclCache {
  private static final class Entry {
    final List<Acl> acl;
    long refs;

    Entry(List<Acl> acl) {
      this.acl = acl;
    }
  }

  private final Map<List<Acl>, Entry> entries = new HashMap<>();

  // The entry acquired last. Runs of nodes with the same ACL (a restore, a batch of creates) pass
  // the shared instance itself, which then needs no hashing: hashing the list and its entries was a
  // tenth of a restore. An entry with references is in the map (it leaves at zero).
  private Entry last;

  /** The shared instance equal to {@code acl}, with one more reference. */
  List<Acl> acquire(List<Acl> acl) {
    Entry e = last;
    if (e == null || e.acl != acl || e.refs == 0) {
      e = entries.computeIfAbsent(acl, a -> new Entry(List.copyOf(a)));
      last = e;
    }
    e.refs++;
    return e.acl;
  }

  /** Drops one reference to a list obtained from {@link #acquire}. */
  void release(List<Acl> acl) {
    Entry e = entries.get(acl);
    if (e == null || e.refs <= 0) {
      throw new IllegalStateException("releasing an ACL that is not held: " + acl);
    }
    if (--e.refs == 0) {
      entries.remove(acl);
    }
  }

  /** How many distinct ACLs are in use. */
  int size() {
    return entries.size();
  }
}
