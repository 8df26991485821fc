package io.paddock.recipes;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Created;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.WatcherType;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The waiting engine of ZooKeeper's lock recipe, shared by every queue-shaped recipe:
 *
 * <ol>
 *   <li>create an ephemeral sequential node {@code _c_<uuid>-<kind>-} under the directory;
 *   <li>list the directory (no watch) and let the {@link QueueRules.Rule} decide;
 *   <li>if the node does not hold, read the one node the rule names with a watch, and wait for it
 *       to change; if it is gone already, go back to 2.
 * </ol>
 *
 * <p>A create whose answer was lost to a connection loss may still have been applied; the unique id
 * in the name lets us find our node again instead of queueing twice (an orphan node would block the
 * queue until our session ended). A node we give up on (timeout, interrupt, failure) is withdrawn.
 *
 * <p>The watch is a data watch set by {@code getData}, not {@code exists}: on a node that is
 * already gone, {@code getData} fails and leaves no watch behind, whereas {@code exists} would
 * leave a creation watch that never fires.
 */
final class NodeQueue {
  private static final System.Logger LOG = System.getLogger(NodeQueue.class.getName());

  /**
   * How long a withdrawal may take on the caller's thread before it continues in the background.
   */
  static final Duration WITHDRAW_WAIT = Duration.ofSeconds(5);

  /** Background attempts to delete a node we gave up on. */
  static final int WITHDRAW_ATTEMPTS_MAX = 30;

  /**
   * A node of ours in the queue.
   *
   * @param path its path
   * @param czxid the zxid that created it (the fencing token once it holds)
   * @param sessionId the session that owns it
   */
  record Queued(String path, long czxid, long sessionId) {
    String name() {
      return Calls.name(path);
    }
  }

  private final PaddockClient client;
  private final String dir;
  private final CreateMode dirMode;

  /** A queue in {@code dir}, created with {@code dirMode} (and persistent parents) when missing. */
  NodeQueue(PaddockClient client, String dir, CreateMode dirMode) {
    this.client = client;
    this.dir = Calls.checkPath(dir);
    this.dirMode = dirMode;
  }

  String dir() {
    return dir;
  }

  /**
   * Queues a node, waits for its turn, and withdraws it again unless it holds.
   *
   * @return the held node, or empty if the deadline passed first
   */
  Optional<Queued> acquire(String kind, byte[] data, QueueRules.Rule rule, Deadline deadline)
      throws PaddockException, InterruptedException {
    Queued node = enqueue(kind, data, deadline);
    boolean holds = false;
    try {
      holds = awaitTurn(node, rule, deadline);
      return holds ? Optional.of(node) : Optional.empty();
    } finally {
      if (!holds) {
        withdraw(node.path());
      }
    }
  }

  /** Creates our node; finds it again if the answer to the create was lost. */
  Queued enqueue(String kind, byte[] data, Deadline deadline)
      throws PaddockException, InterruptedException {
    String id = UUID.randomUUID().toString();
    String wanted = Calls.child(dir, QueueNode.prefix(id, kind));
    CompletionStage<Created> pending = null;
    try {
      for (int attempt = 1; ; attempt++) {
        pending =
            client.createAsync(
                wanted, data, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL, 0);
        try {
          Created created = PaddockClient.await(pending);
          return new Queued(created.path(), created.stat().czxid(), client.sessionId());
        } catch (PaddockException.NoNode e) {
          Calls.ensurePath(client, dir, dirMode, deadline); // nothing was created: just retry
        } catch (PaddockException e) {
          if (!Calls.isRetryable(e) || attempt >= Calls.ATTEMPTS_MAX) {
            throw e;
          }
          Optional<Queued> found = findOwn(id, deadline);
          if (found.isPresent()) {
            LOG.log(Level.DEBUG, "found {0} after a lost create answer", found.get().path());
            return found.get();
          }
        }
        pending = null;
        Calls.checkUsable(client);
      }
    } catch (InterruptedException | PaddockException | RuntimeException e) {
      abandon(id, pending);
      throw e;
    }
  }

  /** Our node made by the create with {@code id}, if it exists. */
  private Optional<Queued> findOwn(String id, Deadline deadline)
      throws PaddockException, InterruptedException {
    List<String> children;
    try {
      children = Calls.retrying(client, deadline, () -> client.getChildren(dir));
    } catch (PaddockException.NoNode e) {
      return Optional.empty();
    }
    Optional<String> name = QueueRules.findById(children, id);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String path = Calls.child(dir, name.get());
    Stat stat = Calls.retrying(client, deadline, () -> client.exists(path));
    if (stat == null) {
      return Optional.empty();
    }
    return Optional.of(new Queued(path, stat.czxid(), client.sessionId()));
  }

  /**
   * Waits until {@code rule} says our node holds.
   *
   * @return true once it holds, false if the deadline passed first (the node stays queued)
   * @throws PaddockException.NoNode if our node disappeared (deleted by someone else)
   */
  boolean awaitTurn(Queued node, QueueRules.Rule rule, Deadline deadline)
      throws PaddockException, InterruptedException {
    String mine = node.name();
    while (true) {
      List<String> children = Calls.retrying(client, deadline, () -> client.getChildren(dir));
      List<QueueNode> ordered = QueueRules.ordered(children);
      int at = QueueRules.indexOf(ordered, mine);
      if (at < 0) {
        throw new PaddockException.NoNode(node.path());
      }
      QueueRules.Standing standing = rule.decide(ordered, at);
      if (standing.holds()) {
        return true;
      }
      if (deadline.passed()) {
        return false;
      }
      String watched = Calls.child(dir, standing.watch());
      Signal signal = new Signal();
      try {
        Calls.retrying(client, deadline, () -> client.getData(watched, signal));
      } catch (PaddockException.NoNode e) {
        continue; // gone before we could watch it: look again
      }
      boolean fired = false;
      try {
        fired = signal.await(deadline, client);
      } finally {
        if (!fired) {
          Calls.forgetWatch(client, watched, signal, WatcherType.DATA);
        }
      }
      if (!fired) {
        return false;
      }
    }
  }

  /**
   * Deletes our node: on this thread for a bounded time unless it is interrupted, then in the
   * background.
   */
  void withdraw(String path) {
    if (!Thread.currentThread().isInterrupted()) {
      try {
        if (Calls.deleteQuietly(client, path, Deadline.after(WITHDRAW_WAIT))) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deleteInBackground(path, 1);
  }

  /** After an interrupted or failed create: delete whatever node it made, in the background. */
  private void abandon(String id, CompletionStage<Created> pending) {
    if (Calls.isTerminal(client.state())) {
      return; // no node can outlive the session
    }
    CompletionStage<Created> stage =
        pending != null ? pending : CompletableFuture.failedFuture(new IllegalStateException());
    stage.whenComplete(
        (created, err) -> {
          if (created != null) {
            deleteInBackground(created.path(), 1);
          } else {
            client
                .getChildrenAsync(dir, null)
                .thenAccept(
                    children ->
                        QueueRules.findById(children.names(), id)
                            .ifPresent(name -> deleteInBackground(Calls.child(dir, name), 1)));
          }
        });
  }

  private void deleteInBackground(String path, int attempt) {
    if (Calls.isTerminal(client.state())) {
      return;
    }
    client
        .deleteAsync(path, -1)
        .whenComplete(
            (ok, err) -> {
              Throwable cause = err instanceof CompletionException c ? c.getCause() : err;
              if (cause instanceof PaddockException pe
                  && Calls.isRetryable(pe)
                  && attempt < WITHDRAW_ATTEMPTS_MAX) {
                CompletableFuture.delayedExecutor(
                        Calls.RETRY_PAUSE_MS * attempt, TimeUnit.MILLISECONDS)
                    .execute(() -> deleteInBackground(path, attempt + 1));
              }
            });
  }
}
