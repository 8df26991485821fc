package io.paddock.recipes;

import io.paddock.api.CreateMode;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.WatcherType;
import io.paddock.api.recipes.Barrier;
import java.time.Duration;

/**
 * The barrier recipe: the node's existence is the barrier; waiters watch it with {@code exists}.
 */
final class BarrierImpl implements Barrier {
  private final PaddockClient client;
  private final String path;

  BarrierImpl(PaddockClient client, String path) {
    this.client = client;
    this.path = Calls.checkPath(path);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public void raise() throws PaddockException, InterruptedException {
    Calls.ensurePath(client, path, CreateMode.PERSISTENT, Deadline.NEVER);
  }

  @Override
  public void lower() throws PaddockException, InterruptedException {
    try {
      Calls.retrying(
          client,
          Deadline.NEVER,
          () -> {
            client.delete(path, -1);
            return null;
          });
    } catch (PaddockException.NoNode e) {
      // down already
    }
  }

  @Override
  public boolean await(Duration timeout) throws PaddockException, InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    while (true) {
      Signal signal = new Signal();
      Stat stat = Calls.retrying(client, deadline, () -> client.exists(path, signal));
      if (stat == null) {
        // exists() on a missing node leaves a creation watch: drop it, nobody waits for it.
        Calls.forgetWatch(client, path, signal, WatcherType.DATA);
        return true;
      }
      if (deadline.passed() || !signal.await(deadline, client)) {
        Calls.forgetWatch(client, path, signal, WatcherType.DATA);
        return false;
      }
    }
  }

  @Override
  public String toString() {
    return "Barrier[" + path + "]";
  }
}
