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
 * while no apply runs). Stored {@code byte[]} data is never copied: arrays handed in through a
 * transaction and arrays handed out through {@link NodeView#data()} are the stored ones and must
 * never be mutated by anyone.
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
  private final NodeTable nodes = new NodeTable(1024);
  private final AclCache acls = new AclCache();
  private final Map<Long, NodeTable> ephemerals = new HashMap<>();
  private final NodeTable containers = new NodeTable(16);
  private final NodeTable ttls = new NodeTable(16);
  private final Map<Long, Integer> sessions = new HashMap<>();
  private final Applier applier = new Applier(this);
  private final Quotas quotas = new Quotas(this);
  private long lastAppliedZxid;
  private long approximateDataBytes;

  /** A tree in ZooKeeper's initial state. */
  public DataTree(TreeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    Node root = new Node("/", new byte[0], acls.acquire(Acl.OPEN_ACL_UNSAFE), 0, 0, 0);
    nodes.add(root);
    approximateDataBytes += 1;
    Node zookeeper = initialChild(root, "/zookeeper", Acl.OPEN_ACL_UNSAFE);
    initialChild(zookeeper, "/zookeeper/quota", Acl.OPEN_ACL_UNSAFE);
    Node configNode = initialChild(zookeeper, "/zookeeper/config", Acl.READ_ACL_UNSAFE);
    configNode.aversion = -1;
  }

  private Node initialChild(Node parent, String path, List<Acl> acl) {
    Node n = new Node(path, new byte[0], acls.acquire(acl), 0, 0, 0);
    nodes.add(n);
    parent.addChild(n);
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
    if (n.children == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>(n.children.size());
    int cut = path.length() == 1 ? 1 : path.length() + 1;
    n.children.forEach(c -> names.add(c.path.substring(cut)));
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
    if (n.children != null) {
      count[0] += n.children.size();
      n.children.forEach(c -> countDescendants(c, count));
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
          if (n.path.startsWith(prefixPath)) {
            paths.add(n.path);
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
          if (n.cversion > 0 && n.children == null) {
            paths.add(n.path);
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
          if (n.children == null && ttlExpired(n, nowMs)) {
            paths.add(n.path);
          }
        });
    Collections.sort(paths);
    return paths;
  }

  static boolean ttlExpired(Node n, long nowMs) {
    // Subtract rather than add: mtime + ttl could overflow for a TTL near the maximum.
    return nowMs - n.mtime > EphemeralOwners.ttlMs(n.ephemeralOwner);
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
    if (n.children != null) {
      n.children.forEach(c -> visit(c, visitor));
    }
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
    parent.cversion++;
    parent.pzxid = zxid;
    return node;
  }

  /** Undoes {@link #addNode} (multi rollback). */
  void unaddNode(Node parent, Node node, long parentPzxidBefore) {
    unlink(parent, node);
    acls.release(node.acl);
    parent.cversion--;
    parent.pzxid = parentPzxidBefore;
  }

  /** Removes a validated leaf node; ZooKeeper's delete bookkeeping. */
  void removeNode(Node parent, Node node, long zxid) {
    unlink(parent, node);
    acls.release(node.acl);
    // The persisted cversion counts creates only (a delete shows in the client-visible cversion
    // through the child count); pzxid only moves forward, as in ZooKeeper.
    if (zxid > parent.pzxid) {
      parent.pzxid = zxid;
    }
  }

  /** Undoes {@link #removeNode} (multi rollback). */
  void unremoveNode(Node parent, Node node, long parentPzxidBefore) {
    node.acl = acls.acquire(node.acl);
    link(parent, node);
    parent.pzxid = parentPzxidBefore;
  }

  void replaceData(Node node, byte[] data, int version, long mzxid, long mtime) {
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
    List<Acl> shared = acls.acquire(acl);
    acls.release(node.acl);
    node.acl = shared;
    node.aversion = aversion;
  }

  private void link(Node parent, Node node) {
    if (!nodes.add(node)) {
      throw new IllegalStateException("node already present: " + node.path);
    }
    parent.addChild(node);
    long owner = node.ephemeralOwner;
    if (EphemeralOwners.isContainer(owner)) {
      containers.add(node);
    } else if (EphemeralOwners.isTtl(owner)) {
      ttls.add(node);
    } else if (owner != 0) {
      ephemerals.computeIfAbsent(owner, s -> new NodeTable(2)).add(node);
    }
    approximateDataBytes += node.path.length() + node.dataLength();
    quotas.linked(node);
  }

  private void unlink(Node parent, Node node) {
    if (!nodes.remove(node.path)) {
      throw new IllegalStateException("node not present: " + node.path);
    }
    parent.removeChild(node);
    long owner = node.ephemeralOwner;
    if (EphemeralOwners.isContainer(owner)) {
      containers.remove(node.path);
    } else if (EphemeralOwners.isTtl(owner)) {
      ttls.remove(node.path);
    } else if (owner != 0) {
      NodeTable owned = ephemerals.get(owner);
      if (owned == null || !owned.remove(node.path)) {
        throw new IllegalStateException("ephemeral not indexed: " + node.path);
      }
      if (owned.size() == 0) {
        ephemerals.remove(owner);
      }
    }
    approximateDataBytes -= node.path.length() + node.dataLength();
    quotas.unlinked(node);
  }
}
