package io.paddock.recipes;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.NodeData;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.recipes.SharedCounter;
import java.nio.charset.StandardCharsets;

/**
 * A counter stored as decimal text (readable with any ZooKeeper tool), updated by compare-and-set
 * on the node's data version.
 */
final class CounterImpl implements SharedCounter {
  /** Compare-and-set attempts before giving up under extreme contention. */
  static final int CAS_ATTEMPTS_MAX = 10_000;

  private final PaddockClient client;
  private final String path;

  CounterImpl(PaddockClient client, String path) {
    this.client = client;
    this.path = Calls.checkPath(path);
  }

  @Override
  public String path() {
    return path;
  }

  /** The value and the version to compare against; version -1 means "no node yet". */
  private record Snapshot(long value, int version) {}

  private Snapshot read() throws PaddockException, InterruptedException {
    try {
      NodeData d = Calls.retrying(client, Deadline.NEVER, () -> client.getData(path));
      return new Snapshot(parse(d.data()), d.stat().version());
    } catch (PaddockException.NoNode e) {
      return new Snapshot(0, -1);
    }
  }

  private long parse(byte[] data) throws PaddockException {
    String text = data == null ? "" : new String(data, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new PaddockException.BadArguments(path); // the node holds something else
    }
  }

  /** Writes {@code value} if the node is still at {@code seen}; false if someone was faster. */
  private boolean write(Snapshot seen, long value) throws PaddockException, InterruptedException {
    byte[] data = Long.toString(value).getBytes(StandardCharsets.UTF_8);
    try {
      if (seen.version() < 0) {
        try {
          client.create(path, data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (PaddockException.NoNode e) {
          Calls.ensurePath(
              client,
              path.substring(0, Math.max(1, path.lastIndexOf('/'))),
              CreateMode.PERSISTENT,
              Deadline.NEVER);
          client.create(path, data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
      } else {
        client.setData(path, data, seen.version());
      }
      return true;
    } catch (PaddockException.BadVersion
        | PaddockException.NodeExists
        | PaddockException.NoNode e) {
      return false;
    }
  }

  @Override
  public long get() throws PaddockException, InterruptedException {
    return read().value();
  }

  @Override
  public long add(long delta) throws PaddockException, InterruptedException {
    for (int attempt = 0; attempt < CAS_ATTEMPTS_MAX; attempt++) {
      Snapshot seen = read();
      long next;
      try {
        next = Math.addExact(seen.value(), delta);
      } catch (ArithmeticException e) {
        throw new IllegalStateException(
            "counter " + path + " would overflow: " + seen.value() + " + " + delta, e);
      }
      if (write(seen, next)) {
        return next;
      }
    }
    throw new IllegalStateException(
        "counter " + path + ": no update succeeded in " + CAS_ATTEMPTS_MAX + " attempts");
  }

  @Override
  public boolean compareAndSet(long expected, long update)
      throws PaddockException, InterruptedException {
    for (int attempt = 0; attempt < CAS_ATTEMPTS_MAX; attempt++) {
      Snapshot seen = read();
      if (seen.value() != expected) {
        return false;
      }
      if (write(seen, update)) {
        return true;
      }
    }
    throw new IllegalStateException(
        "counter " + path + ": no update succeeded in " + CAS_ATTEMPTS_MAX + " attempts");
  }

  @Override
  public String toString() {
    return "SharedCounter[" + path + "]";
  }
}
