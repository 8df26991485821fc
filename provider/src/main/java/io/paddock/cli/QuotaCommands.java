package io.paddock.cli;

import io.paddock.api.Acl;
import io.paddock.api.Children;
import io.paddock.api.CreateMode;
import io.paddock.api.NodeData;
import io.paddock.api.Op;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quotas the way zkCli keeps them: as nodes under {@code /zookeeper/quota}, so the same commands
 * work against Apache ZooKeeper. For a quota on {@code /app}, {@code
 * /zookeeper/quota/app/zookeeper_limits} holds the limits and {@code .../zookeeper_stats} the
 * usage, both as {@code count=N,bytes=M} ({@code -1} = no limit). The count includes the node
 * itself; the bytes are the data lengths of the whole subtree. Only one quota may exist on any path
 * from the root to a leaf, as the ZooKeeper quota guide requires.
 *
 * <p>The CLI computes the initial usage when it creates a quota; keeping it current is the server's
 * job (ZooKeeper's does; Paddock's will), so against a server without quota tracking the stats node
 * shows the usage as of {@code setquota}.
 */
final class QuotaCommands {
  static final String QUOTA_ROOT = "/zookeeper/quota";
  static final String LIMITS = "zookeeper_limits";
  static final String STATS = "zookeeper_stats";
  static final String COUNT = "count";
  static final String BYTES = "bytes";

  private QuotaCommands() {}

  static String quotaNode(String path) {
    return QUOTA_ROOT + path;
  }

  static String limitsNode(String path) {
    return QUOTA_ROOT + path + "/" + LIMITS;
  }

  static String statsNode(String path) {
    return QUOTA_ROOT + path + "/" + STATS;
  }

  /** {@code setquota -n|-b val path}: creates the quota, or updates the given limit. */
  static Status setQuota(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, UsageException, CommandFailed {
    if (!a.has('n') && !a.has('b')) {
      throw new UsageException("setquota needs -n (node count) or -b (bytes)");
    }
    long count = positive(a, 'n');
    long bytes = positive(a, 'b');
    String path = quotaTarget(a.arg(0, "/"));
    PaddockClient client = s.client();
    if (client.exists(path) == null) {
      throw new CommandFailed(path + " does not exist.");
    }
    checkNoOtherQuota(client, path);
    NodeData existing = readOrNull(client, limitsNode(path));
    if (existing != null) {
      Map<String, String> limits = parse(existing.data());
      if (count != 0) {
        limits.put(COUNT, Long.toString(count));
      }
      if (bytes != 0) {
        limits.put(BYTES, Long.toString(bytes));
      }
      client.setData(limitsNode(path), format(limits), existing.stat().version());
      return Status.OK;
    }
    Map<String, String> limits = new LinkedHashMap<>();
    limits.put(COUNT, Long.toString(count == 0 ? -1 : count));
    limits.put(BYTES, Long.toString(bytes == 0 ? -1 : bytes));
    createParents(client, quotaNode(path));
    // Stats before limits: a ZooKeeper server recomputes the stats when the limits node appears.
    client.multi(
        List.of(
            new Op.Create(
                statsNode(path),
                usage(client, path),
                Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT,
                0),
            new Op.Create(
                limitsNode(path), format(limits), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0)));
    return Status.OK;
  }

  /** {@code listquota path}: the limits and the usage. */
  static Status listQuota(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    String path = a.arg(0, "/");
    PaddockClient client = s.client();
    s.printError("absolute path is " + limitsNode(path));
    NodeData limits = readOrNull(client, limitsNode(path));
    if (limits == null) {
      throw new CommandFailed("quota for " + path + " does not exist.");
    }
    s.println(
        "Output quota for "
            + path
            + " "
            + new String(format(parse(limits.data())), StandardCharsets.UTF_8));
    NodeData stats = readOrNull(client, statsNode(path));
    if (stats != null) {
      s.println(
          "Output stat for "
              + path
              + " "
              + new String(format(parse(stats.data())), StandardCharsets.UTF_8));
    }
    return Status.OK;
  }

  /**
   * {@code delquota [-n|-b] path}: without a flag removes the quota (and the quota nodes left empty
   * above it); with {@code -n} or {@code -b} lifts just that limit.
   */
  static Status delQuota(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    String path = a.arg(0, "/");
    PaddockClient client = s.client();
    NodeData limits = readOrNull(client, limitsNode(path));
    if (limits == null) {
      throw new CommandFailed("Quota does not exist for " + path);
    }
    if (a.has('n') || a.has('b')) {
      Map<String, String> values = parse(limits.data());
      if (a.has('n')) {
        values.put(COUNT, "-1");
      }
      if (a.has('b')) {
        values.put(BYTES, "-1");
      }
      client.setData(limitsNode(path), format(values), limits.stat().version());
      return Status.OK;
    }
    for (String node : List.of(statsNode(path), limitsNode(path))) {
      try {
        client.delete(node, -1);
      } catch (PaddockException.NoNode e) {
        // Already gone (a concurrent delquota): the goal is reached.
      }
    }
    trimEmptyParents(client, quotaNode(path));
    return Status.OK;
  }

  private static long positive(ParsedArgs a, char letter) throws UsageException {
    if (!a.has(letter)) {
      return 0;
    }
    long value = a.longValue(letter, 0);
    if (value < 1) {
      throw new UsageException("-" + letter + " must be a positive number, got: " + value);
    }
    return value;
  }

  private static String quotaTarget(String path) throws UsageException {
    if (path.equals("/")) {
      throw new UsageException("cannot set a quota on the root node /");
    }
    if (path.equals("/zookeeper") || path.startsWith("/zookeeper/")) {
      throw new UsageException("cannot set a quota on the system node " + path);
    }
    if (!path.startsWith("/") || path.endsWith("/")) {
      throw new UsageException("Path must start with / and not end with /: " + path);
    }
    return path;
  }

  /** One quota per root-to-leaf path: none on an ancestor, none on a descendant. */
  private static void checkNoOtherQuota(PaddockClient client, String path)
      throws PaddockException, InterruptedException, CommandFailed {
    for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
      String ancestor = path.substring(0, slash);
      if (client.exists(limitsNode(ancestor)) != null) {
        throw new CommandFailed(path + " has a parent " + ancestor + " which has a quota");
      }
    }
    List<String> below;
    try {
      below = NodeCommands.subtree(client, quotaNode(path), false);
    } catch (PaddockException.NoNode e) {
      return;
    }
    String own = limitsNode(path);
    String suffix = "/" + LIMITS;
    for (String node : below) {
      if (node.endsWith(suffix) && !node.equals(own)) {
        String child = node.substring(QUOTA_ROOT.length(), node.length() - suffix.length());
        throw new CommandFailed(path + " has a child " + child + " which has a quota");
      }
    }
  }

  private static void createParents(PaddockClient client, String node)
      throws PaddockException, InterruptedException {
    // From the quota root down: "/zookeeper" always exists, and a failed create costs a zxid.
    for (int slash = QUOTA_ROOT.length(); ; slash = node.indexOf('/', slash + 1)) {
      String prefix = slash < 0 ? node : node.substring(0, slash);
      try {
        client.create(prefix, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      } catch (PaddockException.NodeExists e) {
        // Shared with other quotas, or the system nodes: fine.
      }
      if (slash < 0) {
        return;
      }
    }
  }

  private static void trimEmptyParents(PaddockClient client, String node)
      throws PaddockException, InterruptedException {
    String current = node;
    while (current.length() > QUOTA_ROOT.length()) {
      try {
        client.delete(current, -1);
      } catch (PaddockException.NotEmpty e) {
        return;
      } catch (PaddockException.NoNode e) {
        // Someone removed it already; keep trimming upwards.
      }
      current = current.substring(0, current.lastIndexOf('/'));
    }
  }

  /** The subtree's usage as {@code count=N,bytes=M}: nodes including the root, data bytes. */
  private static byte[] usage(PaddockClient client, String path)
      throws PaddockException, InterruptedException, CommandFailed {
    long count = 0;
    long bytes = 0;
    Deque<String> queue = new ArrayDeque<>();
    queue.add(path);
    while (!queue.isEmpty()) {
      String p = queue.removeFirst();
      Children children;
      try {
        children = client.getChildrenWithStat(p, null);
      } catch (PaddockException.NoNode e) {
        continue;
      }
      count++;
      bytes += children.stat().dataLength();
      if (count + queue.size() > NodeCommands.SUBTREE_NODES_MAX) {
        throw new CommandFailed(
            "subtree of " + path + " has more than " + NodeCommands.SUBTREE_NODES_MAX + " nodes");
      }
      for (String child : children.names()) {
        queue.addLast(p + "/" + child);
      }
    }
    Map<String, String> stats = new LinkedHashMap<>();
    stats.put(COUNT, Long.toString(count));
    stats.put(BYTES, Long.toString(bytes));
    return format(stats);
  }

  private static NodeData readOrNull(PaddockClient client, String node)
      throws PaddockException, InterruptedException {
    try {
      return client.getData(node);
    } catch (PaddockException.NoNode e) {
      return null;
    }
  }

  /**
   * Parses {@code count=N,bytes=M} leniently: pairs separated by {@code ,} or {@code ;}, later keys
   * (ZooKeeper 3.7+'s hard limits) kept, malformed pieces ignored, so quotas written by any zkCli
   * version can be read and updated.
   */
  static Map<String, String> parse(byte[] data) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(COUNT, "-1");
    values.put(BYTES, "-1");
    if (data == null) {
      return values;
    }
    for (String pair : new String(data, StandardCharsets.UTF_8).split("[,;]", -1)) {
      String[] kv = pair.trim().split("=", -1);
      if (kv.length >= 2 && !kv[0].isEmpty() && kv[1].trim().matches("-?\\d+")) {
        values.put(kv[0], kv[1].trim());
      }
    }
    return values;
  }

  /** {@code count=N,bytes=M}, then any further keys as {@code ;key=value}. */
  static byte[] format(Map<String, String> values) {
    StringBuilder sb = new StringBuilder();
    sb.append(COUNT).append('=').append(values.getOrDefault(COUNT, "-1"));
    sb.append(',').append(BYTES).append('=').append(values.getOrDefault(BYTES, "-1"));
    for (Map.Entry<String, String> e : values.entrySet()) {
      // Further keys (hard limits) only when set: -1 means no limit and is the default.
      if (!e.getKey().equals(COUNT) && !e.getKey().equals(BYTES) && !e.getValue().equals("-1")) {
        sb.append(';').append(e.getKey()).append('=').append(e.getValue());
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
