package io.paddock.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds a tree from snapshot contents: sessions and nodes in any order, then {@link #finish}.
 * Nodes are linked parent first and indexed by the same code as the live tree's, so the ephemeral,
 * container and TTL indexes, the ACL cache and the quota roots come back; quota usage nodes then
 * get their stored data back, exactly. Not reusable.
 */
public final class TreeRestorer {
  private static final int EXPECTED_NODES_MAX = 1 << 24;
  private final TreeConfig config;
  private final long zxid;
  private final Map<Long, Integer> sessions = new HashMap<>();
  // Records whose parent had not been seen yet: linked in path order by finish(). A snapshot
  // lists each parent before its children, so this stays empty on the usual path, and a
  // million-node restore costs no sorted copy of the whole tree.
  private final TreeMap<String, Prepared> pending = new TreeMap<>();
  private final List<NodeRecord> stats = new ArrayList<>();
  private DataTree tree; // created when the root arrives
  private int expectedNodes;
  private Node lastParent; // consecutive records usually share a parent: one lookup for them all
  private String lastParentPath;
  private final SiblingBatch siblings = new SiblingBatch();
  private Node siblingsParent;
  private boolean finished;

  TreeRestorer(TreeConfig config, long zxid) {
    this.config = config;
    this.zxid = zxid;
  }

  /**
   * Sizes the path index for {@code count} nodes before the first arrives, so it is not rehashed
   * (every rehash reads each node's path again) while a big snapshot streams in. A hint only; it is
   * capped, so a damaged count cannot claim much memory.
   */
  public void expectNodes(int count) {
    expectedNodes = Math.max(0, Math.min(count, EXPECTED_NODES_MAX));
  }

  /** Adds an open session. */
  public void session(long sessionId, int timeoutMs) {
    sessions.put(sessionId, timeoutMs);
  }

  /**
   * A node made ready for {@link #node(Prepared)}: built, its path checked and hashed. Preparing
   * touches no restorer state, so a snapshot reader prepares the next nodes on a thread of its own
   * while the restorer's thread links the ones before.
   */
  public static final class Prepared {
    private final NodeRecord record;
    private final Node node;
    private final int hash;
    private final boolean quotaStats;

    private Prepared(NodeRecord record, Node node, int hash, boolean quotaStats) {
      this.record = record;
      this.node = node;
      this.hash = hash;
      this.quotaStats = quotaStats;
    }
  }

  /**
   * Prepares {@code record} for {@link #node(Prepared)}; safe on any thread.
   *
   * @throws IllegalArgumentException if the path is not absolute
   */
  public static Prepared prepare(NodeRecord record) {
    String path = record.path();
    if (path.isEmpty() || path.charAt(0) != '/' || (path.length() > 1 && path.endsWith("/"))) {
      throw new IllegalArgumentException("not a znode path: '" + path + "'");
    }
    Node node = Node.fromRecord(record);
    boolean quotaStats = path.startsWith(Quotas.ROOT + "/") && path.endsWith("/" + Quotas.STATS);
    return new Prepared(record, node, Paths.hash(node.pathBytes()), quotaStats);
  }

  /**
   * Adds a node.
   *
   * @throws IllegalArgumentException if the path is not absolute or was added before
   */
  public void node(NodeRecord record) {
    node(prepare(record));
  }

  /**
   * Adds a prepared node; each one once.
   *
   * @throws IllegalArgumentException if its path was added before
   */
  public void node(Prepared prepared) {
    String path = prepared.record.path();
    if (pending.containsKey(path)) {
      throw duplicate(path);
    }
    if (path.equals("/")) {
      if (tree != null) {
        throw duplicate(path);
      }
      tree = new DataTree(config, zxid);
      tree.restoreRoot(prepared.node, expectedNodes);
      return;
    }
    Node parent = tree == null ? null : parentOf(path);
    if (parent == null) {
      pending.put(path, prepared);
    } else {
      link(parent, prepared);
    }
  }

  private Node parentOf(String path) {
    int slash = path.lastIndexOf('/');
    String lp = lastParentPath;
    if (lp != null) {
      boolean same = slash == 0 ? lp.length() == 1 : slash == lp.length() && path.startsWith(lp);
      if (same) {
        return lastParent;
      }
    }
    String parentPath = slash == 0 ? "/" : path.substring(0, slash);
    Node parent = tree.node(parentPath);
    if (parent != null) {
      lastParent = parent;
      lastParentPath = parentPath;
    }
    return parent;
  }

  private static IllegalArgumentException duplicate(String path) {
    return new IllegalArgumentException("node " + path + " appears twice");
  }

  /**
   * Links a record. Siblings arrive one after the other, so the children of one parent are
   * collected in a batch with their path hashes and enter the parent's child table together ({@link
   * #flushSiblings}), sized once and without comparing paths; a duplicate is caught as it arrives
   * by a small hash index over the batch (and the parent's earlier children). Adding each child to
   * a growing table compared it with the paths already there, two cache misses per probe: that was
   * a third of a million-znode restore.
   */
  private void link(Node parent, Prepared p) {
    Node node = p.node;
    byte[] path = node.pathBytes();
    int hash = p.hash;
    if (parent != siblingsParent) {
      flushSiblings();
      siblingsParent = parent;
    }
    if (siblings.contains(path, hash) || parent.hasChild(path, hash)) {
      throw duplicate(p.record.path());
    }
    tree.restoreLinked(node, hash);
    siblings.add(node, hash);
    if (p.quotaStats) {
      stats.add(p.record);
    }
  }

  /** Hands the collected siblings to their parent. */
  private void flushSiblings() {
    if (siblingsParent != null && siblings.size() > 0) {
      siblings.moveTo(siblingsParent);
    }
  }

  /**
   * The tree, with every node linked to its parent.
   *
   * @throws IllegalArgumentException if the root is missing or a node has no parent
   * @throws IllegalStateException if called twice
   */
  public DataTree finish() {
    if (finished) {
      throw new IllegalStateException("finish called twice");
    }
    finished = true;
    if (tree == null) {
      throw new IllegalArgumentException("no root node");
    }
    DataTree t = tree;
    // A path sorts after every proper prefix of it, so each parent is linked before its children.
    for (Prepared p : pending.values()) {
      Node parent = t.node(parentPath(p.record.path()));
      if (parent == null) {
        throw new IllegalArgumentException("node " + p.record.path() + " has no parent");
      }
      link(parent, p);
    }
    flushSiblings();
    // Linking recounts or adjusts usage depending on order; the stored figures are the truth.
    for (NodeRecord r : stats) {
      if (r.data() != null) {
        t.replaceDataInPlace(t.node(r.path()), r.data());
      }
    }
    t.restoreFinished(sessions);
    return t;
  }

  private static String parentPath(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }
}
