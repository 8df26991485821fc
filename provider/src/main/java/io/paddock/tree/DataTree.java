package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.ErrorCode;
import io.paddock.api.OpResult;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The znode tree and the pure function that changes it. {@link #apply} validates and applies one
 * transaction; the same sequence of transactions gives the same tree and the same results on every
 * replica. Reads ({@link #get}, {@link #children}...) are for the owning thread, between applies.
 *
 * <p>A multi is all-or-nothing: before an op touches a node, the node's previous state (or its
 * absence) is remembered; if a later op fails, the remembered states are put back.
 */
public final class DataTree {
  static final List<String> RESERVED =
      List.of("/zookeeper", "/zookeeper/quota", "/zookeeper/config");

  private final NodeStore nodes = new NodeStore();
  private final Map<Long, Set<String>> ephemerals = new HashMap<>();
  private final Set<String> containers = new HashSet<>();
  private final Set<String> ttlNodes = new HashSet<>();
  private final Map<Long, Integer> sessions = new HashMap<>();
  private final int dataBytesMax;
  private long lastAppliedZxid;
  private FrozenTree outstanding; // the frozen view not yet released, if any
  private long dataBytes;

  /** A tree holding the root and the reserved {@code /zookeeper} nodes. */
  public DataTree(int dataBytesMax) {
    this.dataBytesMax = dataBytesMax;
    nodes.put("/", new Node(new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0));
    for (String path : RESERVED) {
      nodes.put(path, new Node(new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0));
      nodes.get(PathValidator.parent(path)).addChild(PathValidator.name(path));
    }
  }

  /** An empty tree for {@link Restorer}. */
  private DataTree(int dataBytesMax, long lastAppliedZxid) {
    this.dataBytesMax = dataBytesMax;
    this.lastAppliedZxid = lastAppliedZxid;
  }

  // ---- reads -----------------------------------------------------------------------------------

  /** The node at {@code path}, or null. */
  public NodeView get(String path) {
    return nodes.get(path);
  }

  /** The child names of {@code path} (empty if it has none or does not exist). */
  public List<String> children(String path) {
    Node node = nodes.get(path);
    return node == null ? List.of() : new ArrayList<>(node.childNames());
  }

  /** The number of all descendants of {@code path}. */
  public int allChildrenNumber(String path) {
    Node node = nodes.get(path);
    if (node == null) {
      return 0;
    }
    int count = 0;
    ArrayList<String> stack = new ArrayList<>();
    stack.add(path);
    while (!stack.isEmpty()) {
      String current = stack.remove(stack.size() - 1);
      for (String child : nodes.get(current).childNames()) {
        count++;
        stack.add(join(current, child));
      }
    }
    return count;
  }

  /** The session's ephemeral node paths under {@code prefixPath}, sorted. */
  public List<String> ephemerals(long sessionId, String prefixPath) {
    Set<String> owned = ephemerals.getOrDefault(sessionId, Set.of());
    List<String> out = new ArrayList<>();
    for (String path : owned) {
      if (prefixPath == null || prefixPath.equals("/") || path.startsWith(prefixPath)) {
        out.add(path);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Number of ephemeral nodes over all sessions. */
  public int ephemeralCount() {
    int count = 0;
    for (Set<String> owned : ephemerals.values()) {
      count += owned.size();
    }
    return count;
  }

  /** Containers that have had children and have none now: candidates for cleanup. */
  public List<String> containersToReap() {
    List<String> out = new ArrayList<>();
    for (String path : containers) {
      Node node = nodes.get(path);
      if (node.cversion > 0 && node.childCount() == 0) {
        out.add(path);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** TTL nodes without children whose last change is older than their TTL. */
  public List<String> expiredTtlNodes(long nowMs) {
    List<String> out = new ArrayList<>();
    for (String path : ttlNodes) {
      Node node = nodes.get(path);
      if (node.childCount() == 0 && nowMs - node.mtime > EphemeralType.ttlOf(node.ephemeralOwner)) {
        out.add(path);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Sessions opened and not closed, with their timeouts (for snapshots). */
  public Map<Long, Integer> sessions() {
    return Collections.unmodifiableMap(sessions);
  }

  /** The zxid of the last applied transaction. */
  public long lastAppliedZxid() {
    return lastAppliedZxid;
  }

  /** Number of znodes, the root and reserved nodes included. */
  public int nodeCount() {
    return nodes.size();
  }

  /** Sum of data lengths plus path lengths, ZooKeeper's "approximate data size". */
  public long approximateDataBytes() {
    return dataBytes;
  }

  /** Every path, sorted (for dumps and tests). */
  public List<String> paths() {
    return new ArrayList<>(new TreeSet<>(nodes.keySet()));
  }

  // ---- snapshots -------------------------------------------------------------------------------

  /**
   * The state as of now, for a snapshot written on another thread while this tree keeps applying.
   * Costs O(sessions) here, plus, while frozen, one node copy per node changed. A merge left from
   * the previous freeze is finished first.
   *
   * @throws IllegalStateException if a frozen view is still out
   */
  public FrozenTree freeze() {
    FrozenTree view = new FrozenTree(nodes.freeze(), lastAppliedZxid, new HashMap<>(sessions));
    outstanding = view;
    return view;
  }

  /**
   * Takes back a frozen view whose reader has finished; then call {@link #mergeStep} until it
   * returns false (or not: lookups stay right, the next freeze merges what is left).
   *
   * @throws IllegalStateException if {@code view} is not this tree's outstanding view
   */
  public void release(FrozenTree view) {
    if (view != outstanding) {
      throw new IllegalStateException(
          "release of a view at 0x" + Long.toHexString(view.zxid()) + " that is not outstanding");
    }
    outstanding = null;
    nodes.release();
  }

  /**
   * Folds up to {@code entriesMax} of the changes made while frozen back into the main map; returns
   * whether more remain. Bounded work per call, so the owner can interleave it with requests.
   */
  public boolean mergeStep(int entriesMax) {
    return nodes.mergeStep(entriesMax);
  }

  /** Changes made while frozen and not yet merged (for figures and tests). */
  public int pendingMerge() {
    return nodes.pendingMerge();
  }

  /** Starts rebuilding a tree from a snapshot taken at {@code zxid}. */
  public static Restorer restorer(int dataBytesMax, long zxid) {
    return new Restorer(new DataTree(dataBytesMax, zxid));
  }

  /**
   * Rebuilds a tree from snapshot contents: sessions and nodes in any order, then {@link #finish}.
   * Not reusable.
   */
  public static final class Restorer {
    private DataTree tree;

    private Restorer(DataTree tree) {
      this.tree = tree;
    }

    /** Adds an open session. */
    public void session(long sessionId, int timeoutMs) {
      tree.sessions.put(sessionId, timeoutMs);
    }

    /**
     * Adds a node.
     *
     * @throws IllegalArgumentException if the path is not absolute or was added before
     */
    public void node(NodeRecord record) {
      String path = record.path();
      if (path.isEmpty() || path.charAt(0) != '/' || (path.length() > 1 && path.endsWith("/"))) {
        throw new IllegalArgumentException("not a znode path: '" + path + "'");
      }
      if (tree.nodes.get(path) != null) {
        throw new IllegalArgumentException("node " + path + " appears twice");
      }
      tree.put(path, Node.fromRecord(record));
    }

    /**
     * The tree, with every node linked to its parent.
     *
     * @throws IllegalArgumentException if the root is missing or a node has no parent
     */
    public DataTree finish() {
      DataTree t = tree;
      tree = null;
      if (t.nodes.get("/") == null) {
        throw new IllegalArgumentException("no root node");
      }
      // The constructor leaves the paths of the root and reserved nodes out of the size figure;
      // a restored tree must report the same figure as the tree it was taken from.
      t.dataBytes -= 1;
      for (String path : RESERVED) {
        if (t.nodes.get(path) != null) {
          t.dataBytes -= path.length();
        }
      }
      t.nodes.forEach(
          (path, node) -> {
            if (!path.equals("/")) {
              Node parent = t.nodes.get(PathValidator.parent(path));
              if (parent == null) {
                throw new IllegalArgumentException("node " + path + " has no parent");
              }
              parent.addChild(PathValidator.name(path));
            }
          });
      return t;
    }
  }

  // ---- apply -----------------------------------------------------------------------------------

  /**
   * Applies one transaction. Never throws for anything a client can cause: failures are results.
   *
   * @throws IllegalStateException if zxids go backwards (a broken invariant of the caller)
   */
  public TxnResult apply(Txn txn) {
    if (txn.zxid() <= lastAppliedZxid && txn.zxid() != 0) {
      throw new IllegalStateException(
          "zxid 0x"
              + Long.toHexString(txn.zxid())
              + " after 0x"
              + Long.toHexString(lastAppliedZxid));
    }
    lastAppliedZxid = txn.zxid();
    Mutation m = new Mutation(this, txn);
    TxnOp op = txn.op();
    if (op instanceof TxnOp.Multi multi) {
      return m.multi(multi);
    }
    if (op instanceof TxnOp.CreateSession create) {
      sessions.put(create.sessionId(), create.timeoutMs());
      return m.ok(List.of());
    }
    if (op instanceof TxnOp.CloseSession close) {
      sessions.remove(close.sessionId());
      for (String path : ephemerals(close.sessionId(), "/")) {
        m.removeNode(path);
      }
      return m.ok(List.of());
    }
    if (op instanceof TxnOp.DeleteContainer del) {
      Node node = nodes.get(del.path());
      boolean eligible =
          node != null
              && node.childCount() == 0
              && (node.ephemeralOwner == EphemeralType.CONTAINER
                  || EphemeralType.isTtl(node.ephemeralOwner));
      if (!eligible) {
        return new TxnResult(txn.zxid(), ErrorCode.NO_NODE, List.of(), List.of());
      }
      m.removeNode(del.path());
      return m.ok(List.of(new OpResult.DeleteResult()));
    }
    OpResult result;
    try {
      result = m.single(op);
    } catch (Mutation.Failure f) {
      m.undo();
      return new TxnResult(
          txn.zxid(), f.code, List.of(new OpResult.ErrorResult(f.code)), List.of());
    }
    return m.ok(List.of(result));
  }

  // ---- package-private mutation support, used by Mutation ---------------------------------------

  /** The node at {@code path} for changing in place (a private copy while frozen), or null. */
  Node node(String path) {
    return nodes.writable(path);
  }

  int dataBytesMax() {
    return dataBytesMax;
  }

  /** Puts (or with null removes) a node, keeping the indexes and the size figure right. */
  void put(String path, Node node) {
    Node old = node == null ? nodes.remove(path) : nodes.put(path, node);
    if (old != null) {
      unindex(path, old);
    }
    if (node != null) {
      index(path, node);
    }
  }

  private void index(String path, Node node) {
    dataBytes += path.length() + (node.data == null ? 0 : node.data.length);
    long owner = node.ephemeralOwner;
    if (owner == EphemeralType.CONTAINER) {
      containers.add(path);
    } else if (EphemeralType.isTtl(owner)) {
      ttlNodes.add(path);
    } else if (owner != 0) {
      ephemerals.computeIfAbsent(owner, id -> new HashSet<>()).add(path);
    }
  }

  private void unindex(String path, Node node) {
    dataBytes -= path.length() + (node.data == null ? 0 : node.data.length);
    long owner = node.ephemeralOwner;
    if (owner == EphemeralType.CONTAINER) {
      containers.remove(path);
    } else if (EphemeralType.isTtl(owner)) {
      ttlNodes.remove(path);
    } else if (owner != 0) {
      Set<String> owned = ephemerals.get(owner);
      if (owned != null) {
        owned.remove(path);
        if (owned.isEmpty()) {
          ephemerals.remove(owner);
        }
      }
    }
  }

  /** Adjusts the size figure when a node's data is replaced in place. */
  void dataReplaced(byte[] before, byte[] after) {
    dataBytes += (after == null ? 0 : after.length) - (before == null ? 0 : before.length);
  }

  static String join(String parent, String child) {
    return parent.equals("/") ? "/" + child : parent + "/" + child;
  }
}
