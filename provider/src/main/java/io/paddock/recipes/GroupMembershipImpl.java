package io.paddock.recipes;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.WatcherType;
import io.paddock.api.recipes.GroupMember;
import io.paddock.api.recipes.GroupMembership;
import io.paddock.api.recipes.Membership;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Members are ephemeral children named by their ids; listing reads every member's data in one
 * {@code multiRead}. Watching re-arms a child watch after each change, so listeners of a group all
 * wake on a change: that is the point of membership, not a herd.
 */
final class GroupMembershipImpl implements GroupMembership {
  private static final System.Logger LOG = System.getLogger(GroupMembershipImpl.class.getName());

  /** Pause before reading the group again after a connection loss. */
  static final long RETRY_MS = 200;

  private final PaddockClient client;
  private final SessionMonitor monitor;
  private final String path;

  GroupMembershipImpl(PaddockClient client, SessionMonitor monitor, String path) {
    this.client = client;
    this.monitor = monitor;
    this.path = Calls.checkPath(path);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Membership join(String memberId, byte[] data)
      throws PaddockException, InterruptedException {
    String node = Calls.child(path, Calls.checkSegment(memberId));
    Calls.ensurePath(client, path, CreateMode.PERSISTENT, Deadline.NEVER);
    for (int attempt = 1; ; attempt++) {
      try {
        client.create(node, data, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        return new Joined(memberId, node);
      } catch (PaddockException.NodeExists e) {
        // Ours if an earlier attempt's answer was lost; someone else's otherwise.
        Stat stat = Calls.retrying(client, Deadline.NEVER, () -> client.exists(node));
        if (stat != null && stat.ephemeralOwner() == client.sessionId()) {
          return new Joined(memberId, node);
        }
        if (stat != null) {
          throw e;
        }
      } catch (PaddockException e) {
        if (!Calls.isRetryable(e) || attempt >= Calls.ATTEMPTS_MAX) {
          throw e;
        }
        Calls.checkUsable(client);
      }
    }
  }

  private final class Joined implements Membership {
    private final String memberId;
    private final String node;

    Joined(String memberId, String node) {
      this.memberId = memberId;
      this.node = node;
    }

    @Override
    public String memberId() {
      return memberId;
    }

    @Override
    public String path() {
      return node;
    }

    @Override
    public void update(byte[] data) throws PaddockException, InterruptedException {
      Calls.retrying(client, Deadline.NEVER, () -> client.setData(node, data, -1));
    }

    @Override
    public void close() {
      try {
        Calls.deleteQuietly(client, node, Deadline.after(NodeQueue.WITHDRAW_WAIT));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        client.deleteAsync(node, -1);
      }
    }
  }

  @Override
  public List<GroupMember> members() throws PaddockException, InterruptedException {
    try {
      return PaddockClient.await(readMembers(null));
    } catch (PaddockException.NoNode e) {
      return List.of();
    }
  }

  /** Lists the members (optionally leaving a child watch) and reads their data in one round. */
  private CompletionStage<List<GroupMember>> readMembers(io.paddock.api.Watcher watcher) {
    return client
        .getChildrenAsync(path, watcher)
        .thenCompose(
            children -> {
              List<String> ids = new ArrayList<>(children.names());
              ids.sort(Comparator.naturalOrder());
              if (ids.isEmpty()) {
                return CompletableFuture.completedFuture(List.<GroupMember>of());
              }
              List<Op> reads = new ArrayList<>(ids.size());
              ids.forEach(id -> reads.add(new Op.GetData(Calls.child(path, id))));
              return client
                  .multiReadAsync(reads)
                  .thenApply(
                      results -> {
                        List<GroupMember> members = new ArrayList<>(ids.size());
                        for (int i = 0; i < ids.size(); i++) {
                          if (results.get(i) instanceof OpResult.GetDataResult d) {
                            members.add(new GroupMember(ids.get(i), d.data()));
                          } // else the member left between the two reads
                        }
                        return List.copyOf(members);
                      });
            });
  }

  @Override
  public AutoCloseable watch(Consumer<List<GroupMember>> listener)
      throws PaddockException, InterruptedException {
    Calls.ensurePath(client, path, CreateMode.PERSISTENT, Deadline.NEVER);
    Watch w = new Watch(listener);
    w.refresh();
    return w;
  }

  /** One listener's watch: read with a child watch, report, and read again when it fires. */
  private final class Watch implements AutoCloseable {
    private final Consumer<List<GroupMember>> listener;
    private final io.paddock.api.Watcher watcher = event -> refresh();
    private volatile boolean closed;
    private List<String> lastIds; // monitor thread only

    Watch(Consumer<List<GroupMember>> listener) {
      this.listener = listener;
    }

    void refresh() {
      if (closed) {
        return;
      }
      readMembers(watcher)
          .whenComplete(
              (members, err) -> {
                if (err == null) {
                  monitor.execute(() -> report(members));
                  return;
                }
                Throwable cause = err instanceof CompletionException c ? c.getCause() : err;
                if (cause instanceof PaddockException pe
                    && Calls.isRetryable(pe)
                    && !Calls.isTerminal(client.state())) {
                  monitor.schedule(this::refresh, RETRY_MS);
                } else {
                  LOG.log(Level.WARNING, "group watch on {0} stopped: {1}", path, cause);
                }
              });
    }

    private void report(List<GroupMember> members) {
      List<String> ids = members.stream().map(GroupMember::id).toList();
      if (closed || ids.equals(lastIds)) {
        return;
      }
      lastIds = ids;
      listener.accept(members);
    }

    @Override
    public void close() {
      closed = true;
      Calls.forgetWatch(client, path, watcher, WatcherType.CHILDREN);
    }
  }

  @Override
  public String toString() {
    return "GroupMembership[" + path + "]";
  }
}
