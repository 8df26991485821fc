package io.paddock.cli;

import io.paddock.api.Acl;
import io.paddock.api.Children;
import io.paddock.api.CreateMode;
import io.paddock.api.Created;
import io.paddock.api.NodeData;
import io.paddock.api.Op;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.Watcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

/** The znode commands: reading, writing, creating and deleting nodes. */
final class NodeCommands {
  /** Tree walks ({@code ls -R}, {@code deleteall}, {@code setAcl -R}) stop at this many nodes. */
  static final int SUBTREE_NODES_MAX = 1_000_000;

  /** ZooKeeper's default {@code deleteall} batch, and the largest we allow per multi. */
  static final int DELETE_BATCH_MAX = 1_000;

  /** Where the ensemble's dynamic configuration lives. */
  static final String CONFIG_NODE = "/zookeeper/config";

  private NodeCommands() {}

  static Status ls(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    PaddockClient client = s.client();
    String path = a.arg(0, "/");
    if (a.has('R')) {
      for (String p : subtree(client, path, false)) {
        s.println(p);
      }
      return Status.OK;
    }
    Children children = client.getChildrenWithStat(path, a.has('w') ? s.watcher() : null);
    s.println(sorted(children.names()).toString());
    if (a.has('s')) {
      s.print(StatText.render(children.stat(), s.zone()));
    }
    return Status.OK;
  }

  /** {@code ls2 path}: the children and the stat, as {@code ls -s} (zkCli 3.4's form). */
  static Status ls2(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    Children children =
        s.client().getChildrenWithStat(a.arg(0, "/"), a.has('w') ? s.watcher() : null);
    s.println(sorted(children.names()).toString());
    s.print(StatText.render(children.stat(), s.zone()));
    return Status.OK;
  }

  static Status get(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    NodeData node = s.client().getData(a.arg(0, "/"), a.has('w') ? s.watcher() : null);
    byte[] data = node.data();
    if (data == null) {
      s.println("null");
    } else if (a.has('b')) {
      s.println(Base64.getEncoder().encodeToString(data));
    } else {
      s.println(new String(data, StandardCharsets.UTF_8));
    }
    if (a.has('s')) {
      s.print(StatText.render(node.stat(), s.zone()));
    }
    return Status.OK;
  }

  static Status stat(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    String path = a.arg(0, "/");
    Stat stat = s.client().exists(path, a.has('w') ? s.watcher() : null);
    if (stat == null) {
      throw PaddockException.create(io.paddock.api.ErrorCode.NO_NODE, path);
    }
    s.print(StatText.render(stat, s.zone()));
    return Status.OK;
  }

  static Status set(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, UsageException, CommandFailed {
    int version = a.intValue('v', -1);
    byte[] data = a.arg(1, "").getBytes(StandardCharsets.UTF_8);
    Stat stat = s.client().setData(a.arg(0, "/"), data, version);
    if (a.has('s')) {
      s.print(StatText.render(stat, s.zone()));
    }
    return Status.OK;
  }

  static Status create(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, UsageException, CommandFailed {
    CreateMode mode = createMode(a);
    long ttlMs = a.longValue('t', 0);
    String path = a.arg(0, "/");
    String text = a.arg(1, null);
    byte[] data = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    List<Acl> acl = a.count() > 2 ? AclText.parse(a.arg(2, "")) : Acl.OPEN_ACL_UNSAFE;
    Created created = s.client().create(path, data, acl, mode, ttlMs);
    s.println("Created " + created.path());
    return Status.OK;
  }

  /**
   * The create mode for {@code create}'s flags, rejecting the combinations zkCli rejects.
   *
   * @throws UsageException for container with -s/-e, or TTL with -e/-c
   */
  static CreateMode createMode(ParsedArgs a) throws UsageException {
    boolean sequential = a.has('s');
    boolean ephemeral = a.has('e');
    boolean container = a.has('c');
    boolean ttl = a.has('t');
    if (container && (sequential || ephemeral)) {
      throw new UsageException(
          "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
    }
    if (ttl && ephemeral) {
      throw new UsageException("TTLs cannot be used with Ephemeral znodes");
    }
    if (ttl && container) {
      throw new UsageException("TTLs cannot be used with Container znodes");
    }
    if (container) {
      return CreateMode.CONTAINER;
    }
    if (ttl) {
      return sequential
          ? CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL
          : CreateMode.PERSISTENT_WITH_TTL;
    }
    if (ephemeral) {
      return sequential ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.EPHEMERAL;
    }
    return sequential ? CreateMode.PERSISTENT_SEQUENTIAL : CreateMode.PERSISTENT;
  }

  static Status delete(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, UsageException, CommandFailed {
    s.client().delete(a.arg(0, "/"), a.intValue('v', -1));
    return Status.OK;
  }

  /**
   * {@code deleteall path}: deletes the node and everything below it, deepest first, in atomic
   * batches of {@code -b} nodes. The system subtree {@code /zookeeper} and the root itself are
   * never deleted, so {@code deleteall /} empties the tree of user data.
   */
  static Status deleteAll(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, UsageException, CommandFailed {
    int batch = a.intValue('b', DELETE_BATCH_MAX);
    if (batch < 1 || batch > DELETE_BATCH_MAX) {
      throw new UsageException("batch size must be in 1.." + DELETE_BATCH_MAX + ", got: " + batch);
    }
    PaddockClient client = s.client();
    List<String> nodes = subtree(client, a.arg(0, "/"), true);
    List<Op> ops = new ArrayList<>(batch);
    for (int i = nodes.size() - 1; i >= 0; i--) {
      String p = nodes.get(i);
      if (p.equals("/")) {
        continue;
      }
      ops.add(new Op.Delete(p, -1));
      if (ops.size() == batch) {
        client.multi(ops);
        ops.clear();
      }
    }
    if (!ops.isEmpty()) {
      client.multi(ops);
    }
    return Status.OK;
  }

  static Status sync(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    s.client().sync(a.arg(0, "/"));
    s.println("Sync is OK");
    return Status.OK;
  }

  static Status allChildrenNumber(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    s.println(Integer.toString(s.client().getAllChildrenNumber(a.arg(0, "/"))));
    return Status.OK;
  }

  static Status ephemerals(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    s.println(s.client().getEphemerals(a.arg(0, "/")).toString());
    return Status.OK;
  }

  /**
   * {@code config}: the ensemble configuration node; {@code -c} prints it as a connect string (the
   * client addresses of its {@code server.N} lines), {@code -s} adds the stat.
   */
  static Status config(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    Watcher watcher = a.has('w') ? s.watcher() : null;
    NodeData node = s.client().getData(CONFIG_NODE, watcher);
    String text = node.data() == null ? "" : new String(node.data(), StandardCharsets.UTF_8);
    s.println(a.has('c') ? connectStringOf(text) : text);
    if (a.has('s')) {
      s.print(StatText.render(node.stat(), s.zone()));
    }
    return Status.OK;
  }

  /**
   * The client addresses in a dynamic configuration ({@code server.1=h:2888:3888;2181} or {@code
   * ...;0.0.0.0:2181}), comma-separated; a wildcard client address becomes the server's host.
   */
  static String connectStringOf(String config) {
    List<String> hosts = new ArrayList<>();
    for (String line : config.split("\n", -1)) {
      int eq = line.indexOf('=');
      int semi = line.indexOf(';');
      if (!line.startsWith("server.") || eq < 0 || semi < eq) {
        continue;
      }
      String client = line.substring(semi + 1).trim();
      String host = line.substring(eq + 1, semi).split(":", -1)[0];
      int colon = client.lastIndexOf(':');
      String port = colon < 0 ? client : client.substring(colon + 1);
      String address = colon < 0 ? "" : client.substring(0, colon);
      if (address.isEmpty() || address.equals("0.0.0.0")) {
        address = host;
      }
      hosts.add(address + ":" + port);
    }
    return String.join(",", hosts);
  }

  /**
   * The paths of {@code root} and everything below it, parents before children (breadth first).
   * Nodes deleted during the walk are skipped; a missing root fails with NO_NODE.
   *
   * @param skipSystem whether to leave out {@code /zookeeper} and its subtree
   * @throws CommandFailed if the subtree has more than {@link #SUBTREE_NODES_MAX} nodes
   */
  static List<String> subtree(PaddockClient client, String root, boolean skipSystem)
      throws PaddockException, InterruptedException, CommandFailed {
    List<String> out = new ArrayList<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(root);
    boolean first = true;
    while (!queue.isEmpty()) {
      String path = queue.removeFirst();
      List<String> children;
      try {
        children = client.getChildren(path);
      } catch (PaddockException.NoNode e) {
        if (first) {
          throw e;
        }
        continue;
      }
      first = false;
      out.add(path);
      for (String child : sorted(children)) {
        String childPath = path.equals("/") ? "/" + child : path + "/" + child;
        if (skipSystem && childPath.equals("/zookeeper")) {
          continue;
        }
        if (out.size() + queue.size() >= SUBTREE_NODES_MAX) {
          throw new CommandFailed(
              "subtree of " + root + " has more than " + SUBTREE_NODES_MAX + " nodes; refusing");
        }
        queue.addLast(childPath);
      }
    }
    return out;
  }

  /** A sorted copy: zkCli sorts children so output is stable. */
  static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }
}
