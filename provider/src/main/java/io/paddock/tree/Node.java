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

  /**
   * A copy for copy-on-write while the tree is frozen: same field values and the same children set
   * object, which the frozen original no longer reads (see {@link NodeStore}).
   */
  Node cowCopy() {
    Node n = new Node(data, acl, czxid, ctime, ephemeralOwner);
    n.mzxid = mzxid;
    n.pzxid = pzxid;
    n.mtime = mtime;
    n.version = version;
    n.cversion = cversion;
    n.aversion = aversion;
    n.children = children;
    return n;
  }

  /** This node's stored fields, for a snapshot. */
  NodeRecord toRecord(String path) {
    return new NodeRecord(
        path,
        data,
        acl,
        czxid,
        mzxid,
        pzxid,
        ctime,
        mtime,
        version,
        cversion,
        aversion,
        ephemeralOwner);
  }

  /** A childless node with the fields of {@code r}; the children are linked by the caller. */
  static Node fromRecord(NodeRecord r) {
    Node n = new Node(r.data(), r.acl(), r.czxid(), r.ctimeMs(), r.ephemeralOwner());
    n.mzxid = r.mzxid();
    n.pzxid = r.pzxid();
    n.mtime = r.mtimeMs();
    n.version = r.version();
    n.cversion = r.cversion();
    n.aversion = r.aversion();
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

  @Override
  public Stat stat() {
    return new Stat(
        czxid,
        mzxid,
        ctime,
        mtime,
        version,
        cversion,
        aversion,
        ephemeralOwner,
        data == null ? 0 : data.length,
        childCount(),
        pzxid);
  }
}
