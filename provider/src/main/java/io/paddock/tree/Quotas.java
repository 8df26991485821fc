package io.paddock.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ZooKeeper-style quotas, kept exact as the tree changes.
 *
 * <p>A quota on {@code /app} lives in {@code /zookeeper/quota/app/zookeeper_limits} (data {@code
 * count=N,bytes=M}, optionally {@code ,countHardLimit=N,byteHardLimit=M}; -1 = none) and its usage
 * in {@code /zookeeper/quota/app/zookeeper_stats} ({@code count=N,bytes=M}: the nodes of the
 * subtree, the quota root included, and the sum of their data lengths). As in ZooKeeper, creating
 * the stats node makes the tree count the subtree, every later create, delete and setData below the
 * root updates the stats node of the deepest quota root above it (in place: no version change, no
 * watch), and a hard limit, when enforcement is on, refuses the write with QUOTA_EXCEEDED. Soft
 * limits only produce warnings, which the server drains and logs.
 *
 * <p>Every update goes through {@link DataTree}'s link/unlink/replace hooks, which multi rollback
 * also uses, so usage stays exact when a multi is undone.
 */
final class Quotas {
  static final String ROOT = "/zookeeper/quota";
  static final String LIMITS = "zookeeper_limits";
  static final String STATS = "zookeeper_stats";
  private static final int WARNINGS_MAX = 100;

  /** One parsed limits or stats node. */
  record Track(long count, long bytes, long countHardLimit, long byteHardLimit) {
    static Track parse(byte[] data) {
      long count = -1;
      long bytes = -1;
      long countHard = -1;
      long bytesHard = -1;
      if (data != null) {
        for (String part : new String(data, StandardCharsets.UTF_8).split(",", -1)) {
          int eq = part.indexOf('=');
          if (eq < 0) {
            continue;
          }
          long value = parseLong(part.substring(eq + 1).trim());
          switch (part.substring(0, eq).trim()) {
            case "count" -> count = value;
            case "bytes" -> bytes = value;
            case "countHardLimit" -> countHard = value;
            case "byteHardLimit" -> bytesHard = value;
            default -> {}
          }
        }
      }
      return new Track(count, bytes, countHard, bytesHard);
    }

    private static long parseLong(String text) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    byte[] usageBytes() {
      return ("count=" + count + ",bytes=" + bytes).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final DataTree tree;
  private final Set<String> roots = new HashSet<>();
  private final List<String> warnings = new ArrayList<>();

  Quotas(DataTree tree) {
    this.tree = tree;
  }

  /** Takes over the quota roots {@code other} tracks (its tree's nodes became ours). */
  void adoptRoots(Quotas other) {
    roots.clear();
    roots.addAll(other.roots);
  }

  /** The quota root a path under {@code /zookeeper/quota/...} belongs to, or null. */
  static String quotaRootOf(String quotaNodePath) {
    String parent = quotaNodePath.substring(0, quotaNodePath.lastIndexOf('/'));
    return parent.length() > ROOT.length() ? parent.substring(ROOT.length()) : null;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Called after a node was linked into the tree. */
  void linked(Node node) {
    if (node.pathStartsWith(ROOT + "/")) {
      String path = node.path();
      String root = quotaRootOf(path);
      if (root != null && LIMITS.equals(name(path))) {
        roots.add(root);
      } else if (root != null && STATS.equals(name(path))) {
        recount(root, node);
      }
      return;
    }
    if (!roots.isEmpty()) { // decode the path only when a quota could apply
      adjust(node.path(), 1, node.dataLength());
    }
  }

  /** Called after a node was unlinked from the tree. */
  void unlinked(Node node) {
    if (node.pathStartsWith(ROOT + "/")) {
      String path = node.path();
      String root = quotaRootOf(path);
      if (root != null && LIMITS.equals(name(path))) {
        roots.remove(root);
      }
      return;
    }
    if (!roots.isEmpty()) {
      adjust(node.path(), -1, -node.dataLength());
    }
  }

  /** Called after a node's data was replaced. */
  void dataChanged(Node node, int bytesDelta) {
    if (bytesDelta != 0 && !roots.isEmpty() && !node.pathStartsWith(ROOT + "/")) {
      adjust(node.path(), 0, bytesDelta);
    }
  }

  /**
   * Whether adding {@code countDelta} nodes and {@code bytesDelta} bytes at {@code path} stays
   * within every hard limit on the way up (ZooKeeper checks each quota root above the path).
   */
  boolean allows(String path, int countDelta, long bytesDelta) {
    if (roots.isEmpty()) {
      return true;
    }
    for (String root = path; root != null; root = parent(root)) {
      if (!roots.contains(root)) {
        continue;
      }
      Node limitsNode = tree.node(ROOT + root + "/" + LIMITS);
      Node statsNode = tree.node(ROOT + root + "/" + STATS);
      if (limitsNode == null || statsNode == null) {
        continue;
      }
      Track limit = Track.parse(limitsNode.data);
      Track usage = Track.parse(statsNode.data);
      if (limit.countHardLimit() >= 0 && usage.count() + countDelta > limit.countHardLimit()) {
        return false;
      }
      if (limit.byteHardLimit() >= 0 && usage.bytes() + bytesDelta > limit.byteHardLimit()) {
        return false;
      }
    }
    return true;
  }

  /** Soft-limit warnings since the last call, for the server to log. */
  List<String> drainWarnings() {
    List<String> out = List.copyOf(warnings);
    warnings.clear();
    return out;
  }

  private void adjust(String path, int countDelta, long bytesDelta) {
    if (roots.isEmpty()) {
      return;
    }
    String root = deepestRoot(path);
    if (root == null) {
      return;
    }
    Node statsNode = tree.node(ROOT + root + "/" + STATS);
    if (statsNode == null) {
      return;
    }
    Track usage = Track.parse(statsNode.data);
    Track updated = new Track(usage.count() + countDelta, usage.bytes() + bytesDelta, -1, -1);
    tree.replaceDataInPlace(statsNode, updated.usageBytes());
    warnIfOverSoftLimit(root, updated);
  }

  private void recount(String root, Node statsNode) {
    Node top = tree.node(root);
    long[] totals = new long[2];
    if (top != null) {
      count(top, totals);
    }
    tree.replaceDataInPlace(statsNode, new Track(totals[0], totals[1], -1, -1).usageBytes());
  }

  private static void count(Node node, long[] totals) {
    totals[0]++;
    totals[1] += node.dataLength();
    if (node.children() != null) {
      node.children().forEach(child -> count(child, totals));
    }
  }

  private void warnIfOverSoftLimit(String root, Track usage) {
    Node limitsNode = tree.node(ROOT + root + "/" + LIMITS);
    if (limitsNode == null || warnings.size() >= WARNINGS_MAX) {
      return;
    }
    Track limit = Track.parse(limitsNode.data);
    if ((limit.count() >= 0 && usage.count() > limit.count())
        || (limit.bytes() >= 0 && usage.bytes() > limit.bytes())) {
      warnings.add(
          "Quota exceeded: "
              + root
              + " usage count="
              + usage.count()
              + ",bytes="
              + usage.bytes()
              + " limit count="
              + limit.count()
              + ",bytes="
              + limit.bytes());
    }
  }

  private String deepestRoot(String path) {
    for (String p = path; p != null; p = parent(p)) {
      if (roots.contains(p)) {
        return p;
      }
    }
    return null;
  }

  private static String parent(String path) {
    if (path.equals("/")) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }
}
