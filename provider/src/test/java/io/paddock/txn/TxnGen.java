package io.paddock.txn;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random transactions over a small set of paths, so that creates, deletes, sequential
 * counters, ephemerals, failing multis and session opens and closes all happen often. Successive
 * transactions get successive zxids.
 */
public final class TxnGen {
  private static final String[] PATHS = {
    "/a", "/a/b", "/a/c", "/d", "/d/e", "/f", "/a/b/g", "/c1", "/c1/x", "/t"
  };
  private static final List<Acl> DIGEST_ACL =
      List.of(new Acl(Perms.ALL, new Id("digest", "user:hash")), new Acl(Perms.READ, Id.ANYONE));

  private static final List<CreateMode> MODES = List.of(CreateMode.values());

  private final Random random;
  private final List<Long> sessions = new ArrayList<>();
  private long zxid;
  private long timeMs = 1_700_000_000_000L;
  private long nextSession = 0x0100_0000_0000_0001L;

  public TxnGen(long seed, long firstZxid) {
    this.random = new Random(seed);
    this.zxid = firstZxid - 1;
  }

  /** The next transaction. */
  public Txn next() {
    zxid++;
    timeMs += random.nextInt(50);
    int kind = random.nextInt(100);
    long session = sessions.isEmpty() ? 0 : sessions.get(random.nextInt(sessions.size()));
    TxnOp op;
    if (kind < 5 || sessions.isEmpty()) {
      long id = nextSession++;
      sessions.add(id);
      op = new TxnOp.CreateSession(id, 4000 + random.nextInt(10_000));
      session = id;
    } else if (kind < 8) {
      sessions.remove(session);
      op = new TxnOp.CloseSession(session);
    } else if (kind < 15) {
      List<TxnOp> ops = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      while (ops.size() < n) {
        TxnOp sub = simple();
        // A multi holds only create, delete, setData and check (TxnOp.Multi enforces it).
        if (sub instanceof TxnOp.Create
            || sub instanceof TxnOp.Delete
            || sub instanceof TxnOp.SetData
            || sub instanceof TxnOp.Check) {
          ops.add(sub);
        }
      }
      op = new TxnOp.Multi(ops);
    } else if (kind < 17) {
      op = new TxnOp.DeleteContainer(path());
    } else {
      op = simple();
    }
    List<Id> ids = random.nextInt(10) == 0 ? List.of(new Id("digest", "user:hash")) : List.of();
    return new Txn(zxid, timeMs, session, random.nextInt(1000), ids, op);
  }

  private TxnOp simple() {
    int kind = random.nextInt(10);
    String path = path();
    return switch (kind) {
      case 0, 1, 2, 3 -> {
        CreateMode mode = MODES.get(random.nextInt(MODES.size()));
        long ttl = mode.isTtl() ? 1 + random.nextInt(100_000) : 0;
        yield new TxnOp.Create(
            path, data(), random.nextBoolean() ? Acl.OPEN_ACL_UNSAFE : DIGEST_ACL, mode, ttl);
      }
      case 4, 5 -> new TxnOp.Delete(path, random.nextInt(3) - 1);
      case 6, 7 -> new TxnOp.SetData(path, data(), random.nextInt(3) - 1);
      case 8 -> new TxnOp.SetAcl(path, Acl.OPEN_ACL_UNSAFE, random.nextInt(3) - 1);
      default -> new TxnOp.Check(path, random.nextInt(3) - 1);
    };
  }

  private String path() {
    return PATHS[random.nextInt(PATHS.length)];
  }

  private byte[] data() {
    if (random.nextInt(8) == 0) {
      return null;
    }
    byte[] b = new byte[random.nextInt(40)];
    random.nextBytes(b);
    return b;
  }
}
