package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.Stat;
import java.util.List;

/**
 * One znode. Kept small on purpose (a benchmark holds a million of them): 64 bytes for the usual
 * node. Stat fields are primitives; the ACL list is shared through {@link AclCache}; the path is
 * kept as UTF-8 bytes only ({@link Paths}), and a child's name is the end of its path. Fields that
 * most znodes leave at their defaults live elsewhere: the children, {@code cversion}, {@code pzxid}
 * and {@code aversion} in a {@link Extras} allocated the first time one of them is set (a node gets
 * children, or its ACL changes), and the ephemeral owner in the {@link OwnedNode} subclass
 * (ephemeral, container and TTL nodes).
 *
 * <p>{@link #cversion} is ZooKeeper's persisted counter: it counts child creates only. The
 * client-visible cversion ({@code 2 * cversion - numChildren}) counts creates and deletes, and the
 * sequence suffix of a sequential child is the persisted counter, exactly as ZooKeeper does.
 */
class Node implements NodeView {
  private final byte[] path; // UTF-8 (see Paths); never changed, never handed out for writing
  byte[] data;
  List<Acl> acl;
  private Extras extras; // null: no children, cversion 0, pzxid == czxid, aversion 0
  final long czxid;
  long mzxid;
  final long ctime;
  long mtime;
  int version;

  /** What a leaf whose ACL never changed does not need. */
  private static final class Extras {
    NodeTable children; // null when empty: most parents that lose their children stay empty
    long pzxid;
    int cversion;
    int aversion;

    Extras(long pzxid) {
      this.pzxid = pzxid;
    }
  }

  /** A node owned by a session (ephemeral) or marked as a container or TTL node. */
  private static final class OwnedNode extends Node {
    private final long ephemeralOwner;

    OwnedNode(String path, byte[] data, List<Acl> acl, long ephemeralOwner, long zxid, long ms) {
      super(path, data, acl, zxid, ms);
      this.ephemeralOwner = ephemeralOwner;
    }

    @Override
    long ephemeralOwner() {
      return ephemeralOwner;
    }
  }

  private Node(String path, byte[] data, List<Acl> acl, long zxid, long timeMs) {
    this.path = Paths.utf8(path);
    this.data = data;
    this.acl = acl;
    this.czxid = zxid;
    this.mzxid = zxid;
    this.ctime = timeMs;
    this.mtime = timeMs;
  }

  /**
   * A new node; {@code ephemeralOwner} in its raw form (see {@link EphemeralOwners}), 0 if none.
   */
  static Node of(
      String path, byte[] data, List<Acl> acl, long ephemeralOwner, long zxid, long timeMs) {
    return ephemeralOwner == 0
        ? new Node(path, data, acl, zxid, timeMs)
        : new OwnedNode(path, data, acl, ephemeralOwner, zxid, timeMs);
  }

  /** The raw owner: a session id, a container or TTL mark (see {@link EphemeralOwners}), or 0. */
  long ephemeralOwner() {
    return 0;
  }

  private Extras extras() {
    Extras e = extras;
    if (e == null) {
      e = new Extras(czxid);
      extras = e;
    }
    return e;
  }

  /** The children, or null if there are none. */
  NodeTable children() {
    return extras == null ? null : extras.children;
  }

  long pzxid() {
    return extras == null ? czxid : extras.pzxid;
  }

  void pzxid(long zxid) {
    if (extras != null || zxid != czxid) {
      extras().pzxid = zxid;
    }
  }

  int cversion() {
    return extras == null ? 0 : extras.cversion;
  }

  void cversion(int value) {
    if (extras != null || value != 0) {
      extras().cversion = value;
    }
  }

  int aversion() {
    return extras == null ? 0 : extras.aversion;
  }

  void aversion(int value) {
    if (extras != null || value != 0) {
      extras().aversion = value;
    }
  }

  /** The path as a new String (a node stores only its bytes). */
  @Override
  public String path() {
    return Paths.string(path);
  }

  /** The path's UTF-8 bytes, shared: callers must not change them. */
  byte[] pathBytes() {
    return path;
  }

  /** Whether the path begins with the ASCII {@code prefix}. */
  boolean pathStartsWith(String prefix) {
    return Paths.startsWith(path, prefix);
  }

  /**
   * The last segment of the path (the child name a parent lists), decoded from the bytes after
   * {@code parentBytes + 1} ({@code parentBytes} the parent path's length in bytes; 0 for the
   * root).
   */
  String name(int parentBytes) {
    int from = parentBytes <= 1 ? 1 : parentBytes + 1;
    return Paths.string(path, from);
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
        cversion() * 2 - numChildren,
        aversion(),
        EphemeralOwners.clientVisible(ephemeralOwner()),
        dataLength(),
        numChildren,
        pzxid());
  }

  @Override
  public int numChildren() {
    NodeTable children = children();
    return children == null ? 0 : children.size();
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public int cversionRaw() {
    return cversion();
  }

  @Override
  public long ephemeralOwnerRaw() {
    return ephemeralOwner();
  }

  /** This node's stored fields (raw cversion and raw ephemeral owner), for a snapshot. */
  NodeRecord toRecord() {
    return new NodeRecord(
        path(),
        data,
        acl,
        czxid,
        mzxid,
        pzxid(),
        ctime,
        mtime,
        version,
        cversion(),
        aversion(),
        ephemeralOwner());
  }

  /** A childless node with the fields of {@code r}; the caller links it and shares its ACL. */
  static Node fromRecord(NodeRecord r) {
    Node n = of(r.path(), r.data(), r.acl(), r.ephemeralOwner(), r.czxid(), r.ctimeMs());
    n.mzxid = r.mzxid();
    n.pzxid(r.pzxid());
    n.mtime = r.mtimeMs();
    n.version = r.version();
    n.cversion(r.cversion());
    n.aversion(r.aversion());
    return n;
  }

  int dataLength() {
    return data == null ? 0 : data.length;
  }

  /**
   * Adds a child ({@code hash} its {@link Paths#hash}); false (and nothing changed) if one with the
   * same path is present.
   */
  boolean addChildIfAbsent(Node child, int hash) {
    Extras e = extras();
    if (e.children == null) {
      e.children = new NodeTable(2);
    }
    return e.children.add(child, hash);
  }

  /** Whether a child with this path ({@code hash} its {@link Paths#hash}) is present. */
  boolean hasChild(byte[] childPath, int hash) {
    NodeTable children = children();
    return children != null && children.contains(childPath, hash);
  }

  /**
   * Adds {@code count} children the caller has checked to be absent and distinct, with their path
   * hashes: no path is compared or hashed again, and a new child table is sized for them at once.
   */
  void addNewChildren(Node[] nodes, int[] hashes, int count) {
    Extras e = extras();
    if (e.children == null) {
      e.children = new NodeTable(count + count / 3 + 1); // at most 3/4 full, as the table keeps it
    }
    for (int i = 0; i < count; i++) {
      e.children.addNew(nodes[i], hashes[i]);
    }
  }

  void removeChild(Node child) {
    NodeTable children = children();
    if (children == null || !children.remove(child)) {
      throw new IllegalStateException("child not present: " + child.path() + " under " + path());
    }
    if (children.size() == 0) {
      extras.children = null; // give the table back; cversion and pzxid stay
    }
  }

  @Override
  public String toString() {
    return "Node{" + path() + ", " + stat() + "}";
  }
}
