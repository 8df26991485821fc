package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.acl.Digests;
import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two trees fed the same seeded random transaction sequence (generated twice from the seed, so no
 * object is shared) give identical results and end in identical state. Also checks some global
 * invariants of the end state.
 */
class DeterminismTest {
  private static final List<String> NAMES = List.of("a", "b", "c", "d");
  private static final List<CreateMode> MODES = List.copyOf(EnumSet.allOf(CreateMode.class));
  private static final long[] SESSIONS = {0x11, 0x22, 0x33};
  private static final List<List<Id>> AUTHS =
      List.of(
          List.of(new Id("ip", "10.0.0.1")),
          List.of(new Id("ip", "10.0.0.2"), new Id("digest", Digests.digest("bob", "pw"))),
          List.of(new Id("super", "")));
  private static final List<List<Acl>> ACLS =
      List.of(
          Acl.OPEN_ACL_UNSAFE,
          Acl.CREATOR_ALL_ACL,
          List.of(new Acl(Perms.ALL, new Id("ip", "10.0.0.0/24"))),
          List.of(new Acl(Perms.READ | Perms.CREATE, Id.ANYONE)));

  @ParameterizedTest
  @ValueSource(longs = {1, 17, 4242, 987_654_321})
  void sameTxnsGiveSameResultsAndState(long seed) {
    DataTree leader = new DataTree(new TreeConfig(64));
    List<Txn> a = generate(seed, leader);
    List<Txn> b = generate(seed, new DataTree(new TreeConfig(64)));
    assertThat(a).hasSameSizeAs(b);
    DataTree first = new DataTree(new TreeConfig(64));
    DataTree second = new DataTree(new TreeConfig(64));
    int failures = 0;
    for (int i = 0; i < a.size(); i++) {
      TxnResult r1 = first.apply(a.get(i));
      TxnResult r2 = second.apply(b.get(i));
      assertThat(r1).as("txn %s", a.get(i)).isEqualTo(r2);
      failures += r1.ok() ? 0 : 1;
    }
    assertThat(TreeDump.dump(first)).isEqualTo(TreeDump.dump(second));
    assertThat(TreeDump.dump(leader)).isEqualTo(TreeDump.dump(second));
    // The sequence exercises both outcomes substantially.
    assertThat(failures).isBetween(a.size() / 10, a.size() * 9 / 10);
    assertThat(second.nodeCount()).isGreaterThan(10);
    assertInvariants(second);
  }

  /**
   * Generates txns against {@code tree} (applying them as it goes, so reaper candidates come from
   * the tree, as on a leader) and returns them.
   */
  private static List<Txn> generate(long seed, DataTree tree) {
    Random random = new Random(seed);
    List<Txn> txns = new ArrayList<>();
    long timeMs = 1_000;
    for (long zxid = 1; zxid <= 3000; zxid++) {
      timeMs += random.nextInt(50);
      long session = SESSIONS[random.nextInt(SESSIONS.length)];
      List<Id> auth = AUTHS.get(random.nextInt(AUTHS.size()));
      TxnOp op = randomOp(random, tree, timeMs);
      Txn txn = new Txn(zxid, timeMs, session, (int) zxid, auth, op);
      tree.apply(txn);
      txns.add(txn);
    }
    return txns;
  }

  private static TxnOp randomOp(Random random, DataTree tree, long timeMs) {
    int kind = random.nextInt(100);
    if (kind < 5) {
      return new TxnOp.CreateSession(SESSIONS[random.nextInt(SESSIONS.length)], 10_000);
    }
    if (kind < 8) {
      return new TxnOp.CloseSession(SESSIONS[random.nextInt(SESSIONS.length)]);
    }
    if (kind < 12) {
      List<String> candidates = new ArrayList<>(tree.containersToReap());
      candidates.addAll(tree.expiredTtlNodes(timeMs));
      String path = candidates.isEmpty() ? randomPath(random) : candidates.get(0);
      return new TxnOp.DeleteContainer(path);
    }
    if (kind < 22) {
      List<TxnOp> ops = new ArrayList<>();
      for (int i = random.nextInt(5); i >= 0; i--) {
        ops.add(pathOp(random));
      }
      return new TxnOp.Multi(ops);
    }
    if (kind < 27) {
      return new TxnOp.SetAcl(
          randomPath(random), ACLS.get(random.nextInt(ACLS.size())), random.nextInt(3) - 1);
    }
    return pathOp(random);
  }

  private static TxnOp pathOp(Random random) {
    String path = randomPath(random);
    int version = random.nextInt(3) == 0 ? random.nextInt(3) : -1;
    byte[] data = new byte[random.nextInt(80)]; // sometimes over the 64-byte limit
    random.nextBytes(data);
    switch (random.nextInt(6)) {
      case 0, 1, 2 -> {
        CreateMode mode = MODES.get(random.nextInt(MODES.size()));
        long ttlMs = mode.isTtl() ? random.nextInt(200) : random.nextInt(20) == 0 ? 5 : 0;
        List<Acl> acl = ACLS.get(random.nextInt(ACLS.size()));
        return new TxnOp.Create(path, data, acl, mode, ttlMs);
      }
      case 3 -> {
        return new TxnOp.Delete(path, version);
      }
      case 4 -> {
        return new TxnOp.SetData(path, data, version);
      }
      default -> {
        return new TxnOp.Check(path, version);
      }
    }
  }

  private static String randomPath(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int depth = 1 + random.nextInt(3); depth > 0; depth--) {
      sb.append('/').append(NAMES.get(random.nextInt(NAMES.size())));
    }
    return sb.toString();
  }

  private static void assertInvariants(DataTree tree) {
    int[] nodes = {0};
    long[] bytes = {0};
    tree.forEachNode(
        n -> {
          nodes[0]++;
          bytes[0] += n.path().length() + (n.data() == null ? 0 : n.data().length);
          assertThat(n.numChildren()).isEqualTo(tree.children(n.path()).size());
          long owner = n.ephemeralOwnerRaw();
          if (EphemeralOwners.isSession(owner)) {
            assertThat(tree.sessions()).containsKey(owner);
            assertThat(tree.ephemeralsOf(owner)).contains(n.path());
            assertThat(n.numChildren()).isZero();
          }
        });
    assertThat(tree.nodeCount()).isEqualTo(nodes[0]);
    assertThat(tree.approximateDataBytes()).isEqualTo(bytes[0]);
    assertThat(tree.lastAppliedZxid()).isEqualTo(3000);
  }
}
