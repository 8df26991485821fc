package io.paddock.recipes;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.WatcherType;
import io.paddock.api.recipes.DoubleBarrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ZooKeeper's double-barrier recipe. Entering: each participant adds an ephemeral {@code p-<id>}
 * node and watches {@code ready}; the one that sees {@code size} participants creates {@code
 * ready}. Leaving: the lowest participant waits for the highest, every other deletes its node and
 * waits for the lowest, so each wake-up concerns one node; the lowest leaves last and removes
 * {@code ready}.
 */
final class DoubleBarrierImpl implements DoubleBarrier {
  static final String READY = "ready";
  static final String MEMBER_PREFIX = "p-";

  /** Upper bound on participants: every participant lists all of them. */
  static final int SIZE_MAX = 10_000;

  private final PaddockClient client;
  private final String path;
  private final String ready;
  private final String mine;
  private final String node;
  private final int size;

  DoubleBarrierImpl(PaddockClient client, String path, String participantId, int size) {
    if (size <= 0 || size > SIZE_MAX) {
      throw new IllegalArgumentException("size must be in 1.." + SIZE_MAX + ": " + size);
    }
    this.client = client;
    this.path = Calls.checkPath(path);
    this.ready = Calls.child(path, READY);
    this.mine = MEMBER_PREFIX + Calls.checkSegment(participantId);
    this.node = Calls.child(path, mine);
    this.size = size;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean enter(Duration timeout) throws PaddockException, InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    Calls.ensurePath(client, path, CreateMode.PERSISTENT, deadline);
    join(deadline);
    while (true) {
      Signal signal = new Signal();
      Stat up = Calls.retrying(client, deadline, () -> client.exists(ready, signal));
      if (up != null) {
        Calls.forgetWatch(client, ready, signal, WatcherType.DATA);
        return true;
      }
      if (participants(deadline).size() >= size) {
        try {
          Calls.retrying(
              client,
              deadline,
              () -> client.create(ready, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        } catch (PaddockException.NodeExists e) {
          // another participant got there first
        }
        Calls.forgetWatch(client, ready, signal, WatcherType.DATA);
        return true;
      }
      boolean fired = false;
      try {
        fired = !deadline.passed() && signal.await(deadline, client);
      } finally {
        if (!fired) {
          Calls.forgetWatch(client, ready, signal, WatcherType.DATA);
          Calls.deleteQuietly(client, node, Deadline.after(NodeQueue.WITHDRAW_WAIT));
        }
      }
      if (!fired) {
        return false;
      }
    }
  }

  private void join(Deadline deadline) throws PaddockException, InterruptedException {
    try {
      Calls.retrying(
          client,
          deadline,
          () -> client.create(node, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
    } catch (PaddockException.NodeExists e) {
      Stat stat = client.exists(node);
      if (stat == null || stat.ephemeralOwner() != client.sessionId()) {
        throw e; // another live participant uses our id
      }
    }
  }

  @Override
  public boolean leave(Duration timeout) throws PaddockException, InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    while (true) {
      List<String> members = participants(deadline);
      if (members.isEmpty()) {
        return true;
      }
      boolean present = members.contains(mine);
      if (present && members.size() == 1) {
        Calls.deleteQuietly(client, node, deadline);
        Calls.deleteQuietly(client, ready, deadline); // the last one out resets the barrier
        return true;
      }
      String watched;
      if (present && members.get(0).equals(mine)) {
        watched = members.get(members.size() - 1);
      } else {
        if (present) {
          Calls.deleteQuietly(client, node, deadline);
        }
        watched = members.get(0);
      }
      String watchedPath = Calls.child(path, watched);
      Signal signal = new Signal();
      Stat stat = Calls.retrying(client, deadline, () -> client.exists(watchedPath, signal));
      if (stat == null) {
        Calls.forgetWatch(client, watchedPath, signal, WatcherType.DATA);
        continue;
      }
      if (deadline.passed() || !signal.await(deadline, client)) {
        Calls.forgetWatch(client, watchedPath, signal, WatcherType.DATA);
        return false;
      }
    }
  }

  /** The participant node names, sorted. */
  private List<String> participants(Deadline deadline)
      throws PaddockException, InterruptedException {
    List<String> children;
    try {
      children = Calls.retrying(client, deadline, () -> client.getChildren(path));
    } catch (PaddockException.NoNode e) {
      return List.of();
    }
    List<String> members = new ArrayList<>();
    for (String c : children) {
      if (c.startsWith(MEMBER_PREFIX)) {
        members.add(c);
      }
    }
    members.sort(null);
    return members;
  }

  @Override
  public String toString() {
    return "DoubleBarrier[" + path + ", " + mine + ", size=" + size + "]";
  }
}
