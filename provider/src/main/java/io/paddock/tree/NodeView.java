package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.Stat;
import java.util.List;

/**
 * A read-only view of a znode, valid until the next {@link DataTree#apply} (the processor thread
 * reads and applies, so a view is never observed mid-change). The data array is shared, not copied:
 * callers must not modify it.
 */
public interface NodeView {
  /** The node's data (may be null). Do not modify. */
  byte[] data();

  /** The node's stat, materialised on each call. */
  Stat stat();

  /** The node's ACL. */
  List<Acl> acl();

  /** The node's ephemeral owner field (session id, container or TTL marker, or 0). */
  long ephemeralOwner();

  /** The number of children. */
  int childCount();
}
