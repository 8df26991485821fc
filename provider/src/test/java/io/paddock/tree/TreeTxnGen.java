package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random transactions chosen against the current state, as a leader would: paths of nodes
 * that exist (so most writes succeed and the tree grows deep and wide), every create mode
 * (ephemeral, sequential, container, TTL), deletes, setData, setACL, multis (some failing, so they
 * roll back), session opens and closes (which delete ephemerals), container/TTL reaping, and a
 * quota on {@code /q} whose usage node changes with every write below it. The first transactions
 * set up the quota. Successive transactions get successive zxids from 1.
 */
public final class TreeTxnGen {
  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");
  private static final List<CreateMode> MODES = List.of(CreateMode.values());
  private static final long[] SESSIONS = {0x51, 0x52, 0x53, 0x54};
  private static final List<List<Acl>> ACLS =
      List.of(
          Acl.OPEN_ACL_UNSAFE,
          List.of(new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.READ, new Id("ip", "10.0.0.1"))),
          List.of(new Acl(Perms.READ | Perms.WRITE | Perms.CREATE | Perms.DELETE, Id.ANYONE)));

  private final Random random;
  private final DataTree leader = new DataTree(new TreeConfig(1 << 20));
  private final List<TxnOp> setup = new ArrayList<>();
  private long zxid;
  private int bulkCreated;
  private long timeMs = 1_000_000;

  public TreeTxnGen(long seed) {
    random = new Random(seed);
    setup.add(new TxnOp.CreateSession(SESSIONS[0], 30_000));
    setup.add(create("/q", CreateMode.PERSISTENT));
    setup.add(create("/zookeeper/quota/q", CreateMode.PERSISTENT));
    setup.add(
        new TxnOp.Create(
            "/zookeeper/quota/q/zookeeper_limits",
            "count=50,bytes=-1".getBytes(StandardCharsets.UTF_8),
            Acl.OPEN_ACL_UNSAFE,
            CreateMode.PERSISTENT,
            0));
    setup.add(create("/zookeeper/quota/q/zookeeper_stats", CreateMode.PERSISTENT));
  }

  /** The next transaction (already applied to this generator's own tree). */
  public Txn next() {
    TxnOp op = setup.isEmpty() ? randomOp() : setup.remove(0);
    long session = SESSIONS[random.nextInt(SESSIONS.length)];
    timeMs += random.nextInt(30);
    Txn txn = new Txn(++zxid, timeMs, session, (int) zxid, List.of(), op);
    leader.apply(txn);
    return txn;
  }

  /** The next {@code count} transactions. */
  public List<Txn> next(int count) {
    List<Txn> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(next());
    }
    return out;
  }

  /** Creates of {@code count} persistent nodes {@code /bulk-i/n-j}, a thousand per parent. */
  public List<Txn> bulk(int count) {
    List<Txn> out = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int i = bulkCreated++;
      String parent = "/bulk-" + i / 1000;
      TxnOp op =
          i % 1000 == 0 ? create(parent, CreateMode.PERSISTENT) : create(parent + "/n-" + i, null);
      timeMs++;
      Txn txn = new Txn(++zxid, timeMs, 0, (int) zxid, List.of(), op);
      leader.apply(txn);
      out.add(txn);
    }
    return out;
  }

  private TxnOp randomOp() {
    int kind = random.nextInt(100);
    if (kind < 4) {
      return new TxnOp.CreateSession(SESSIONS[random.nextInt(SESSIONS.length)], 30_000);
    }
    if (kind < 6) {
      return new TxnOp.CloseSession(SESSIONS[random.nextInt(SESSIONS.length)]);
    }
    if (kind < 9) {
      List<String> candidates = new ArrayList<>(leader.containersToReap());
      candidates.addAll(leader.expiredTtlNodes(timeMs));
      return new TxnOp.DeleteContainer(
          candidates.isEmpty() ? existing() : candidates.get(random.nextInt(candidates.size())));
    }
    if (kind < 19) {
      List<TxnOp> ops = new ArrayList<>();
      for (int i = random.nextInt(4); i >= 0; i--) {
        ops.add(pathOp());
      }
      return new TxnOp.Multi(ops);
    }
    if (kind < 27) {
      return new TxnOp.SetAcl(
          existing(), ACLS.get(random.nextInt(ACLS.size())), random.nextInt(4) == 0 ? 0 : -1);
    }
    return pathOp();
  }

  private TxnOp pathOp() {
    int kind = random.nextInt(10);
    if (kind < 4) {
      String parent = existing();
      String path = (parent.equals("/") ? "" : parent) + "/" + NAMES.get(random.nextInt(6));
      return create(path, MODES.get(random.nextInt(MODES.size())));
    }
    int version = random.nextInt(5) == 0 ? random.nextInt(2) : -1;
    if (kind < 6) {
      return new TxnOp.Delete(existing(), version);
    }
    if (kind < 9) {
      return new TxnOp.SetData(existing(), data(), version);
    }
    return new TxnOp.Check(existing(), version);
  }

  /** A random existing path: a random walk down from the root. */
  private String existing() {
    String path = "/";
    while (random.nextInt(4) != 0) {
      List<String> children = leader.children(path);
      if (children.isEmpty()) {
        break;
      }
      children.sort(null); // children() is unordered: sort so the seed decides
      String name = children.get(random.nextInt(children.size()));
      path = (path.equals("/") ? "" : path) + "/" + name;
    }
    return path;
  }

  private TxnOp create(String path, CreateMode mode) {
    CreateMode m = mode == null ? CreateMode.PERSISTENT : mode;
    long ttlMs = m.isTtl() ? 1 + random.nextInt(200) : 0;
    return new TxnOp.Create(
        path, mode == null ? new byte[8] : data(), Acl.OPEN_ACL_UNSAFE, m, ttlMs);
  }

  private byte[] data() {
    if (random.nextInt(10) == 0) {
      return null;
    }
    byte[] b = new byte[random.nextInt(24)];
    random.nextBytes(b);
    return b;
  }
}
