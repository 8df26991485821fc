package io.paddock.acl;

import io.paddock.api.Perms;

/**
 * Which permission each operation needs, and on which node, as ZooKeeper checks them. A permission
 * with several bits ({@link #GET_ACL}) is satisfied by any one of them.
 */
public enum OpPermission {
  /** create: CREATE on the parent. */
  CREATE(Perms.CREATE, true),
  /** delete: DELETE on the parent. */
  DELETE(Perms.DELETE, true),
  /** setData: WRITE on the node. */
  SET_DATA(Perms.WRITE, false),
  /** setACL: ADMIN on the node. */
  SET_ACL(Perms.ADMIN, false),
  /** getData: READ on the node. */
  GET_DATA(Perms.READ, false),
  /** getChildren / getChildren2: READ on the node. */
  GET_CHILDREN(Perms.READ, false),
  /** getAllChildrenNumber: READ on the node. */
  GET_ALL_CHILDREN_NUMBER(Perms.READ, false),
  /** getACL: READ or ADMIN on the node (ZooKeeper 3.9 accepts either). */
  GET_ACL(Perms.READ | Perms.ADMIN, false),
  /** exists: no permission needed. */
  EXISTS(0, false),
  /** check (inside a multi): READ on the node. */
  CHECK(Perms.READ, false);

  private final int perm;
  private final boolean onParent;

  OpPermission(int perm, boolean onParent) {
    this.perm = perm;
    this.onParent = onParent;
  }

  /** The permission bits; any one of them suffices, 0 means no check. */
  public int perm() {
    return perm;
  }

  /** Whether the check is against the parent's ACL rather than the node's. */
  public boolean onParent() {
    return onParent;
  }
}
