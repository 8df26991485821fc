package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.Stat;
import java.util.List;

/**
 * Read access to one znode, without copying. A view is the live node: it reflects later applies and
 * must only be used on the apply thread (or while the tree is otherwise not being changed).
 *
 * <p>{@link #data()} returns the stored array itself: callers must never mutate it.
 */
public interface NodeView {
  /** The node's full path. */
  String path();

  /** The stored data (null if created with null data); do not mutate. */
  byte[] data();

  /** The node's ACL (immutable, shared between nodes with equal ACLs). */
  List<Acl> acl();

  /** The stat as a client sees it (materialised on each call). */
  Stat stat();

  /** The number of children. */
  int numChildren();

  /** The data version. */
  int version();

  /**
   * The stored child-create counter (ZooKeeper's persisted cversion). The client-visible cversion
   * is {@code 2 * cversionRaw - numChildren}: creates plus deletes.
   */
  int cversionRaw();

  /** The stored owner word, with the container/TTL encodings; see {@link EphemeralOwners}. */
  long ephemeralOwnerRaw();
}
