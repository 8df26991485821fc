package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.Stat;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A znode's state. Stat fields are primitives so a node costs little memory; the Stat record is
 * built on demand. Children are names, kept in a set created on the first child.
 */
final class Node implements NodeView {
  byte[] data;
  List<Acl> acl;
  long czxid;
  long mzxid;
  long pzxid;
  long ctime;
  long mtime;
  int version;

  /** Number of child creations: the next sequential suffix. See {@link #stat()}. */
  int cversion;

  int aversion;
  long ephemeralOwner;
  private Set<String> children;

  Node(byte[] data, List<Acl> acl, long zxid, long timeMs, long ephemeralOwner) {
    this.data = data;
    this.acl = acl;
    this.czxid = zxid;
    this.mzxid = zxid;
    this.pzxid = zxid;
    this.ctime = timeMs;
    this.mtime = timeMs;
    this.ephemeralOwner = ephemeralOwner;
  }

  /** A copy for undo: same field values and its own children set. */
  Node copy() {
    Node n = new Node(data, acl, czxid, ctime, ephemeralOwner);
    n.mzxid = mzxid;
    n.pzxid = pzxid;
    n.mtime = mtime;
    n.version = version;
    n.cversion = cversion;
    n.aversion = aversion;
    n.children = children == null ? null : new HashSet<>(children);
    return n;
  }

  void addChild(String name) {
    if (children == null) {
      children = new HashSet<>(4);
    }
    children.add(name);
  }

  void removeChild(String name) {
    if (children != null) {
      children.remove(name);
    }
  }

  Set<String> childNames() {
    return children == null ? Collections.emptySet() : children;
  }

  @Override
  public byte[] data() {
    return data;
  }

  @Override
  public List<Acl> acl() {
    return acl;
  }

  @Override
  public long ephemeralOwner() {
    return ephemeralOwner;
  }

  @Override
  public int childCount() {
    return children == null ? 0 : children.size();
  }

  /**
   * The stat as ZooKeeper shows it to clients. {@code cversion} is kept internally as the number of
   * child creations (it names the next sequential child); clients see creations plus deletions,
   * which is {@code 2 * creations - children}. Container and TTL markers are not shown: clients see
   * ephemeralOwner 0 for them.
   */
  @Override
  public Stat stat() {
    int children = childCount();
    return new Stat(
        czxid,
        mzxid,
        ctime,
        mtime,
        version,
        cversion * 2 - children,
        aversion,
        EphemeralType.isSession(ephemeralOwner) ? ephemeralOwner : 0,
        data == null ? 0 : data.length,
        children,
        pzxid);
  }
}
