package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.Stat;
import java.util.List;

/**
 * One znode. Kept small on purpose (a later benchmark holds a million of them): stat fields are
 * primitives, the ACL list is shared through {@link AclCache}, children live in a {@link NodeTable}
 * allocated only once the node has children, and the node holds no name string of its own (names
 * are suffixes of {@link #path}, which is the same string the global index keys on).
 *
 * <p>{@link #cversion} is ZooKeeper's persisted counter: it counts child creates only. The
 * client-visible cversion ({@code 2 * cversion - numChildren}) counts creates and deletes, and the
 * sequence suffix of a sequential child is the persisted counter, exactly as ZooKeeper does.
 */
final class Node implements NodeView {
  final String path;
  byte[] data;
  List<Acl> acl;
  NodeTable children;
  final long czxid;
  long mzxid;
  final long ctime;
  long mtime;
  long pzxid;
  final long ephemeralOwner;
  int version;
  int cversion;
  int aversion;

  Node(String path, byte[] data, List<Acl> acl, long ephemeralOwner, long zxid, long timeMs) {
    this.path = path;
    this.data = data;
    this.acl = acl;
    this.ephemeralOwner = ephemeralOwner;
    this.czxid = zxid;
    this.mzxid = zxid;
    this.pzxid = zxid;
    this.ctime = timeMs;
    this.mtime = timeMs;
  }

  @Override
  public String path() {
    return path;
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
  public Stat stat() {
    int numChildren = numChildren();
    return new Stat(
        czxid,
        mzxid,
        ctime,
        mtime,
        version,
        cversion * 2 - numChildren,
        aversion,
        EphemeralOwners.clientVisible(ephemeralOwner),
        dataLength(),
        numChildren,
        pzxid);
  }

  @Override
  public int numChildren() {
    return children == null ? 0 : children.size();
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public int cversionRaw() {
    return cversion;
  }

  @Override
  public long ephemeralOwnerRaw() {
    return ephemeralOwner;
  }

  /** This node's stored fields (raw cversion and raw ephemeral owner), for a snapshot. */
  NodeRecord toRecord() {
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

  /** A childless node with the fields of {@code r}; the caller links it and shares its ACL. */
  static Node fromRecord(NodeRecord r) {
    Node n = new Node(r.path(), r.data(), r.acl(), r.ephemeralOwner(), r.czxid(), r.ctimeMs());
    n.mzxid = r.mzxid();
    n.pzxid = r.pzxid();
    n.mtime = r.mtimeMs();
    n.version = r.version();
    n.cversion = r.cversion();
    n.aversion = r.aversion();
    return n;
  }

  int dataLength() {
    return data == null ? 0 : data.length;
  }

  /** Adds a child; false (and nothing changed) if one with the same path is present. */
  boolean addChildIfAbsent(Node child) {
    if (children == null) {
      children = new NodeTable(2);
    }
    return children.add(child);
  }

  void removeChild(Node child) {
    if (children == null || !children.remove(child.path)) {
      throw new IllegalStateException("child not present: " + child.path + " under " + path);
    }
    if (children.size() == 0) {
      children = null; // give the memory back; most nodes are leaves
    }
  }

  @Override
  public String toString() {
    return "Node{" + path + ", " + stat() + "}";
  }
}
