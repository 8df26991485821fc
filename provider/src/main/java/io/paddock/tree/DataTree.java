package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.txn.Txn;
import io.paddock.txn.Zxid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The znode tree and the deterministic state-machine function {@link #apply(Txn)}.
 *
 * <p>Every replica holds one and applies the same transactions in the same order; validation
 * (NoNode, BadVersion, NoAuth, ...) happens inside {@code apply}, against the tree as it is then,
 * so every replica reaches the same outcome. Nothing here reads a clock or any other replica-local
 * input: time comes from {@link Txn#timeMs()} (or an argument, for the reaper queries).
 *
 * <p>Not thread-safe: one apply thread owns the tree, and reads must happen on that thread (or
 * while no apply runs). The one exception is a {@link FrozenTree} from {@link #freeze()}, which
 * another thread may read while the owner applies: see {@link CopyOnWriteView} for how. Stored
 * {@code byte[]} data is never copied: arrays handed in through a transaction and arrays handed out
 * through {@link NodeView#data()} are the stored ones and must never be mutated by anyone.
 *
 * <p>Initial state, as ZooKeeper 3.9 (checked against its DataTree): {@code /} with child {@code
 * zookeeper}, {@code /zookeeper} with children {@code quota} and {@code config}, all stats zero,
 * empty data, ACL {@code world:anyone:cdrwa}; except {@code /zookeeper/config}, which is read-only
 * ({@code world:anyone:r}) with aversion -1 (ZooKeeper sets its ACL with version -1 at startup).
 * The read-only ACL is what keeps clients from writing the config node; {@code /zookeeper} and
 * {@code /zookeeper/quota} accept children like any other node, as on ZooKeeper. The four special
 * paths cannot be deleted (BAD_ARGUMENTS).
 *
 * <p>Quota usage ({@code zookeeper_stats}) and hard limits under {@code /zookeeper/quota}: see
 * {@link Quotas}; hard limits are enforced only when {@link TreeConfig#enforceQuota()} is on, as
 * ZooKeeper enforces them only when configured to.
 */
public final class DataTree {
  /** The paths that can never be deleted. */
  static final List<String> SPECIAL_PATHS =
      List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config");

  private final TreeConfig config;
  // Not final only for replaceContents (a replica installing its leader's snapshot).
  private NodeTable nodes = new NodeTable(1024);
  private AclCache acls = new AclCache();
  private Map<Long, NodeTable> ephemerals = new HashMap<>();
  private NodeTable containers = new NodeTable(16);
  private NodeTable ttls = new NodeTable(16);
  private Map<Long, Integer> sessions = new HashMap<>();
  private final Applier applier = new Applier(this);
  private Quotas quotas = new Quotas(this);
  private long lastAppliedZxid;
  private long approximateDataBytes;
  private long czxidMax; // the largest creation zxid ever linked: nodes above it are newer
  private FrozenTree outstanding; // the frozen view not yet released, if any
  // The outstanding view's copy-on-write state while this tree's nodes are the ones it reads; null
  // when no view is out (or after replaceContents): then a change costs one null check.
  private CopyOnWriteView frozen;

  /** A tree in ZooKeeper's initial state. */
  public DataTree(TreeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    Node root = Node.of("/", new byte[0], acls.acquire(Acl.OPEN_ACL_UNSAFE), 0, 0, 0);
    nodes.add(root);
    approximateDataBytes += 1;
    Node zookeeper = initialChild(root, "/zookeeper", Acl.OPEN_ACL_UNSAFE);
    initialChild(zookeeper, "/zookeeper/quota", Acl.OPEN_ACL_UNSAFE);
    Node configNode = initialChild(zookeeper, "/zookeeper/config", Acl.READ_ACL_UNSAFE);
    configNode.aversion(-1);
  }

  private Node initialChild(Node parent, String path, List<Acl> acl) {
    Node n = Node.of(path, new byte[0], acls.acquire(acl), 0, 0, 0);
    int hash = Paths.hash(n.pathBytes());
    parent.addChildIfAbsent(n, hash);
    nodes.addNew(n, hash);
    approximateDataBytes += path.length();
    return n;
  }

  TreeConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- apply

  /**
   * Applies one transaction: validates it against the current tree and, if valid, performs it. A
   * failed transaction (any error code) changes nothing except {@link #lastAppliedZxid()}.
   *
   * @throws IllegalStateException if {@code txn.zxid()} is not greater than the last applied zxid
   *     (the log or the pipeline is broken; applying would fork the history)
   */
  public TxnResult apply(Txn txn) {
    if (txn.zxid() <= lastAppliedZxid) {
      throw new IllegalStateException(
          "zxid "
              + Zxid.toHex(txn.zxid())
              + " not after last applied "
              + Zxid.toHex(lastAppliedZxid));
    }
    TxnResult result = applier.apply(txn);
    lastAppliedZxid = txn.zxid();
    return result;
  }

  // ---------------------------------------------------------------- reads

  /** The node at {@code path}, or null if there is none. No copying; see {@link NodeView}. */
  public NodeView get(String path) {
    return nodes.get(path);
  }

  /** The child names of {@code path} (unordered), or null if there is no such node. */
  public List<String> children(String path) {
    Node n = nodes.get(path);
    if (n == null) {
      return null;
    }
    if (n.children() == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>(n.children().size());
    int parentBytes = n.pathBytes().length;
    n.children().forEach(c -> names.add(c.name(parentBytes)));
    return names;
  }

  /**
   * The number of descendants of {@code path} (children, grandchildren, ...), or -1 if there is no
   * such node. For {@code /} this is every other node, as ZooKeeper counts it.
   */
  public int allChildrenNumber(String path) {
    Node n = nodes.get(path);
    if (n == null) {
      return -1;
    }
    if (path.equals("/")) {
      return nodes.size() - 1;
    }
    int[] count = {0};
    countDescendants(n, count);
    return count[0];
  }

  private static void countDescendants(Node n, int[] count) {
    if (n.children() != null) {
      count[0] += n.children().size();
      n.children().forEach(c -> countDescendants(c, count));
    }
  }

  /** The paths of the ephemerals owned by {@code sessionId}, sorted. */
  public List<String> ephemeralsOf(long sessionId) {
    return ephemerals(sessionId, "/");
  }

  /**
   * The paths of the ephemerals owned by {@code sessionId} that start with {@code prefixPath},
   * sorted.
   */
  public List<String> ephemerals(long sessionId, String prefixPath) {
    NodeTable owned = ephemerals.get(sessionId);
    if (owned == null) {
      return List.of();
    }
    List<String> paths = new ArrayList<>(owned.size());
    owned.forEach(
        n -> {
          String p = n.path();
          if (p.startsWith(prefixPath)) {
            paths.add(p);
          }
        });
    Collections.sort(paths);
    return paths;
  }

  /**
   * Containers that have had at least one child and now have none, sorted: candidates for {@code
   * DeleteContainer} transactions.
   */
  public List<String> containersToReap() {
    List<String> paths = new ArrayList<>();
    containers.forEach(
        n -> {
          if (n.cversion() > 0 && n.children() == null) {
            paths.add(n.path());
          }
        });
    Collections.sort(paths);
    return paths;
  }

  /**
   * TTL nodes without children whose TTL has run out since their last data change ({@code mtime +
   * ttl < nowMs}), sorted: candidates for {@code DeleteContainer} transactions.
   */
  public List<String> expiredTtlNodes(long nowMs) {
    List<String> paths = new ArrayList<>();
    ttls.forEach(
        n -> {
          if (n.children() == null && ttlExpired(n, nowMs)) {
            paths.add(n.path());
          }
        });
    Collections.sort(paths);
    return paths;
  }

  static boolean ttlExpired(Node n, long nowMs) {
    // Subtract rather than add: mtime + ttl could overflow for a TTL near the maximum.
    return nowMs - n.mtime > EphemeralOwners.ttlMs(n.ephemeralOwner());
  }

  /** The zxid of the last applied transaction (0 before any). */
  public long lastAppliedZxid() {
    return lastAppliedZxid;
  }

  /**
   * The number of znodes, the root included. (ZooKeeper's {@code zk_znode_count} reports one more
   * because its index holds the root under two keys; the admin code adds that one for parity.)
   */
  public int nodeCount() {
    return nodes.size();
  }

  /** The sum of path lengths and data lengths over all nodes, as ZooKeeper approximates it. */
  public long approximateDataBytes() {
    return approximateDataBytes;
  }

  /** The number of distinct ACL lists in use. */
  public int aclCount() {
    return acls.size();
  }

  /**
   * Open sessions (created by a CreateSession transaction and not closed), id to timeout in ms. An
   * unmodifiable live view.
   */
  public Map<Long, Integer> sessions() {
    return Collections.unmodifiableMap(sessions);
  }

  /** Visits every node, each parent before its children (the order a snapshot needs). */
  public void forEachNode(Consumer<NodeView> visitor) {
    visit(nodes.get("/"), visitor);
  }

  private static void visit(Node n, Consumer<NodeView> visitor) {
    visitor.accept(n);
    if (n.children() != null) {
      n.children().forEach(c -> visit(c, visitor));
    }
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * The state as of now, for a snapshot written on another thread while this tree keeps applying.
   * Copy-on-write: O(1) in the number of znodes here (it copies only the session table); from now
   * until {@link #release}, the first change to a node that existed at the freeze saves its
   * pre-freeze state into a side map, which the view reads instead of the live node. Nothing is
   * added per node, and with no view out a change pays one null check.
   *
   * @throws IllegalStateException if a frozen view is still out
   */
  public FrozenTree freeze() {
    if (outstanding != null) {
      throw new IllegalStateException(
          "a frozen view at " + Zxid.toHex(outstanding.zxid()) + " is still out");
    }
    CopyOnWriteView cow = new CopyOnWriteView(nodes.get("/"), nodes.size(), czxidMax);
    FrozenTree view = new FrozenTree(cow, lastAppliedZxid, new HashMap<>(sessions));
    frozen = cow;
    outstanding = view;
    return view;
  }

  /**
   * A copy of the state as of now that is not tracked as the outstanding view: for a leader sending
   * its state to a learner while a local snapshot may be out. A full copy of every node's stored
   * fields, O(znodes) on the owner's thread (unlike {@link #freeze()}); needs no release.
   */
  public FrozenTree copyView() {
    List<NodeRecord> records = new ArrayList<>(nodes.size());
    visitNodes(nodes.get("/"), records);
    return new FrozenTree(records, lastAppliedZxid, new HashMap<>(sessions));
  }

  private static void visitNodes(Node n, List<NodeRecord> out) {
    out.add(n.toRecord());
    if (n.children() != null) {
      n.children().forEach(c -> visitNodes(c, out));
    }
  }

  /**
   * Takes back a frozen view whose reader has finished, and drops the pre-freeze states saved for
   * it (at once: O(1) here, the memory goes to the GC). The view must not be read afterwards.
   *
   * @throws IllegalStateException if {@code view} is not this tree's outstanding view
   */
  public void release(FrozenTree view) {
    if (view != outstanding) {
      throw new IllegalStateException(
          "release of a view at " + Zxid.toHex(view.zxid()) + " that is not outstanding");
    }
    view.copyOnWrite().release();
    frozen = null;
    outstanding = null;
  }

  /**
   * Kept for the snapshot taker's interleaving: {@link #release} drops the saved states at once, so
   * there is never anything to fold back. Returns false (nothing remains).
   */
  public boolean mergeStep(int entriesMax) {
    if (entriesMax < 0) {
      throw new IllegalArgumentException("entriesMax must be >= 0: " + entriesMax);
    }
    return false;
  }

  /**
   * Pre-freeze node states held for the outstanding frozen view (the nodes changed since the
   * freeze); 0 when no view is out.
   */
  public int pendingMerge() {
    return outstanding == null ? 0 : outstanding.copyOnWrite().savedCount();
  }

  /**
   * Makes this tree the state of {@code source} (which must not be used afterwards): a replica
   * installs its leader's snapshot this way, so that everything holding this tree (reads, the
   * snapshot taker) sees the new state without being rewired. A frozen view that is out stays a
   * correct view of the old state: it reads the old nodes, which nothing changes any more, so this
   * tree stops saving states for it; it is released as usual.
   *
   * @throws IllegalArgumentException if {@code source} is this tree or its limits differ
   */
  public void replaceContents(DataTree source) {
    if (source == this) {
      throw new IllegalArgumentException("a tree cannot replace itself");
    }
    if (!source.config.equals(config)) {
      throw new IllegalArgumentException(
          "snapshot tree configured " + source.config + ", this tree " + config);
    }
    if (frozen != null) {
      frozen.detach();
      frozen = null;
    }
    nodes = source.nodes;
    czxidMax = source.czxidMax;
    acls = source.acls;
    ephemerals = source.ephemerals;
    containers = source.containers;
    ttls = source.ttls;
    sessions = source.sessions;
    lastAppliedZxid = source.lastAppliedZxid;
    approximateDataBytes = source.approximateDataBytes;
    quotas = new Quotas(this);
    quotas.adoptRoots(source.quotas);
  }

  /** Starts rebuilding a tree from a snapshot taken at {@code zxid}. */
  public static TreeRestorer restorer(int dataBytesMax, long zxid) {
    return restorer(new TreeConfig(dataBytesMax), zxid);
  }

  /** Starts rebuilding a tree, with {@code config}, from a snapshot taken at {@code zxid}. */
  public static TreeRestorer restorer(TreeConfig config, long zxid) {
    return new TreeRestorer(config, zxid);
  }

  /** Empty: no root. Only {@link TreeRestorer} uses it, through the restore primitives. */
  DataTree(TreeConfig config, long lastAppliedZxid) {
    this.config = Objects.requireNonNull(config, "config");
    this.lastAppliedZxid = lastAppliedZxid;
  }

  /** Restore primitive: the root of a tree being restored, with room for {@code expectedNodes}. */
  void restoreRoot(Node root, int expectedNodes) {
    if (expectedNodes > 0) {
      nodes = new NodeTable(expectedNodes + expectedNodes / 3 + 1); // stays <= 3/4 full
    }
    root.acl = acls.acquire(root.acl);
    nodes.add(root);
    czxidMax = root.czxid; // the other nodes come through index, which keeps it
    approximateDataBytes += root.pathBytes().length + root.dataLength();
  }

  /**
   * Restore primitive: indexes a node ({@code pathHash} its path's hash) that its parent's child
   * table is about to take.
   */
  void restoreLinked(Node node, int pathHash) {
    node.acl = acls.acquire(node.acl);
    index(node, pathHash);
  }

  /** Restore primitive: the last step; restoring is not a write, so no soft-limit warnings. */
  void restoreFinished(Map<Long, Integer> restoredSessions) {
    sessions.putAll(restoredSessions);
    quotas.drainWarnings();
  }

  // ---------------------------------------------------------------- primitives for Applier

  Node node(String path) {
    return nodes.get(path);
  }

  Map<Long, Integer> sessionTable() {
    return sessions;
  }

  /** Adds a validated new node under {@code parent}; ZooKeeper's create bookkeeping. */
  Node addNode(Node parent, Node node, long zxid) {
    node.acl = acls.acquire(node.acl);
    link(parent, node);
    parent.cversion(parent.cversion() + 1);
    parent.pzxid(zxid);
    return node;
  }

  /** Undoes {@link #addNode} (multi rollback). */
  void unaddNode(Node parent, Node node, long parentPzxidBefore) {
    unlink(parent, node);
    acls.release(node.acl);
    parent.cversion(parent.cversion() - 1);
    parent.pzxid(parentPzxidBefore);
  }

  /** Removes a validated leaf node; ZooKeeper's delete bookkeeping. */
  void removeNode(Node parent, Node node, long zxid) {
    unlink(parent, node);
    acls.release(node.acl);
    // The persisted cversion counts creates only (a delete shows in the client-visible cversion
    // through the child count); pzxid only moves forward, as in ZooKeeper.
    if (zxid > parent.pzxid()) {
      parent.pzxid(zxid);
    }
  }

  /** Undoes {@link #removeNode} (multi rollback). */
  void unremoveNode(Node parent, Node node, long parentPzxidBefore) {
    beforeChange(node);
    node.acl = acls.acquire(node.acl);
    link(parent, node);
    parent.pzxid(parentPzxidBefore);
  }

  void replaceData(Node node, byte[] data, int version, long mzxid, long mtime) {
    beforeChange(node);
    int delta = (data == null ? 0 : data.length) - node.dataLength();
    approximateDataBytes += delta;
    node.data = data;
    quotas.dataChanged(node, delta);
    node.version = version;
    node.mzxid = mzxid;
    node.mtime = mtime;
  }

  /** Replaces data without a version change or watch: quota usage bookkeeping only. */
  void replaceDataInPlace(Node node, byte[] data) {
    beforeChange(node);
    approximateDataBytes += data.length - node.dataLength();
    node.data = data;
  }

  /** Whether a change at {@code path} stays within the hard quotas (when enforced). */
  boolean quotaAllows(String path, int countDelta, long bytesDelta) {
    return !config.enforceQuota() || quotas.allows(path, countDelta, bytesDelta);
  }

  /**
   * Soft-quota warnings produced by the transactions applied since the last call, for the caller to
   * log (this package does no I/O).
   */
  public List<String> drainQuotaWarnings() {
    return quotas.drainWarnings();
  }

  void replaceAcl(Node node, List<Acl> acl, int aversion) {
    beforeChange(node);
    List<Acl> shared = acls.acquire(acl);
    acls.release(node.acl);
    node.acl = shared;
    node.aversion(aversion);
  }

  /**
   * Called before any change to a node's stored fields or children, by every primitive below: while
   * a frozen view is out, saves the node's pre-freeze state for it.
   */
  private void beforeChange(Node node) {
    if (frozen != null) {
      frozen.beforeChange(node);
    }
  }

  private void link(Node parent, Node node) {
    if (!linkIfAbsent(parent, node)) {
      throw new IllegalStateException("node already present: " + node.path());
    }
  }

  /** {@link #link}, or false (and nothing changed) if a node with that path is present. */
  private boolean linkIfAbsent(Node parent, Node node) {
    // The parent's children and, in addNode, its cversion and pzxid change: save it first (a
    // needless save, when the path turns out to be present, changes nothing visible). The new node
    // needs no saving (a frozen view does not reach it), except in a multi rollback, where
    // unremoveNode saves it.
    beforeChange(parent);
    // Every indexed node is in its parent's child set, so that smaller (often cached) set decides
    // whether the path is taken, and the big global index then takes it without comparing paths.
    int hash = Paths.hash(node.pathBytes());
    if (!parent.addChildIfAbsent(node, hash)) {
      return false;
    }
    index(node, hash);
    return true;
  }

  /**
   * Enters a node its parent's child set already holds (or, while restoring, is about to) into the
   * path index and the side indexes, and counts it.
   */
  private void index(Node node, int pathHash) {
    nodes.addNew(node, pathHash);
    czxidMax = Math.max(czxidMax, node.czxid);
    long owner = node.ephemeralOwner();
    if (EphemeralOwners.isContainer(owner)) {
      containers.add(node);
    } else if (EphemeralOwners.isTtl(owner)) {
      ttls.add(node);
    } else if (owner != 0) {
      ephemerals.computeIfAbsent(owner, s -> new NodeTable(2)).add(node);
    }
    approximateDataBytes += node.pathBytes().length + node.dataLength();
    quotas.linked(node);
  }

  private void unlink(Node parent, Node node) {
    if (!nodes.remove(node)) {
      throw new IllegalStateException("node not present: " + node.path());
    }
    beforeChange(parent); // a frozen view still reaches the node through the saved parent
    parent.removeChild(node);
    long owner = node.ephemeralOwner();
    if (EphemeralOwners.isContainer(owner)) {
      containers.remove(node);
    } else if (EphemeralOwners.isTtl(owner)) {
      ttls.remove(node);
    } else if (owner != 0) {
      NodeTable owned = ephemerals.get(owner);
      if (owned == null || !owned.remove(node)) {
        throw new IllegalStateException("ephemeral not indexed: " + node.path());
      }
      if (owned.size() == 0) {
        ephemerals.remove(owner);
      }
    }
    approximateDataBytes -= node.pathBytes().length + node.dataLength();
    quotas.unlinked(node);
  }
}
