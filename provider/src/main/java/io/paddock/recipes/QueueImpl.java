package io.paddock.recipes;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.NodeData;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.WatcherType;
import io.paddock.api.recipes.DistributedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * ZooKeeper's queue recipe: producers add persistent sequential {@code qn-} nodes; a consumer takes
 * the lowest by reading it and deleting it with the version it read, so exactly one consumer wins
 * each element (the others see NO_NODE and try the next). Consumers waiting on an empty queue all
 * watch the queue's children: an offer wakes them all, and all but one find nothing; acceptable for
 * a queue (there is no predecessor to watch), and the reason the lock recipes do not do this.
 */
final class QueueImpl implements DistributedQueue {
  static final String ELEMENT_PREFIX = "qn-";

  private final PaddockClient client;
  private final String path;

  QueueImpl(PaddockClient client, String path) {
    this.client = client;
    this.path = Calls.checkPath(path);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public void offer(byte[] element) throws PaddockException, InterruptedException {
    String prefix = Calls.child(path, ELEMENT_PREFIX);
    try {
      // Not retried on connection loss: a retry could enqueue the element twice.
      client.create(prefix, element, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    } catch (PaddockException.NoNode e) {
      Calls.ensurePath(client, path, CreateMode.PERSISTENT, Deadline.NEVER);
      client.create(prefix, element, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    }
  }

  @Override
  public Optional<byte[]> poll() throws PaddockException, InterruptedException {
    return takeFirst(elements(null));
  }

  @Override
  public Optional<byte[]> take(Duration timeout) throws PaddockException, InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    while (true) {
      Signal signal = new Signal();
      List<String> names = elements(signal);
      Optional<byte[]> head = takeFirst(names);
      if (head.isPresent() || deadline.passed()) {
        Calls.forgetWatch(client, path, signal, WatcherType.CHILDREN);
        return head;
      }
      if (names.isEmpty() && !signal.await(deadline, client)) {
        Calls.forgetWatch(client, path, signal, WatcherType.CHILDREN);
        return Optional.empty();
      }
    }
  }

  @Override
  public Optional<byte[]> peek() throws PaddockException, InterruptedException {
    for (String name : elements(null)) {
      try {
        NodeData d = client.getData(Calls.child(path, name));
        return Optional.of(d.data() == null ? new byte[0] : d.data());
      } catch (PaddockException.NoNode e) {
        // taken meanwhile: look at the next
      }
    }
    return Optional.empty();
  }

  @Override
  public int size() throws PaddockException, InterruptedException {
    Stat stat = Calls.retrying(client, Deadline.NEVER, () -> client.exists(path));
    return stat == null ? 0 : stat.numChildren();
  }

  /** Element names in queue order (optionally leaving a child watch). */
  private List<String> elements(io.paddock.api.Watcher watcher)
      throws PaddockException, InterruptedException {
    List<String> names;
    try {
      names = Calls.retrying(client, Deadline.NEVER, () -> client.getChildren(path, watcher));
    } catch (PaddockException.NoNode e) {
      Calls.ensurePath(client, path, CreateMode.PERSISTENT, Deadline.NEVER);
      names = Calls.retrying(client, Deadline.NEVER, () -> client.getChildren(path, watcher));
    }
    List<String> elements = new ArrayList<>();
    for (String n : names) {
      if (n.startsWith(ELEMENT_PREFIX)) {
        elements.add(n);
      }
    }
    // The suffix is a fixed-width counter, so the name order is the queue order.
    elements.sort(Comparator.comparing((String n) -> n.substring(n.length() - 10)));
    return elements;
  }

  /** Takes the first element still there, trying the next ones when another consumer was faster. */
  private Optional<byte[]> takeFirst(List<String> names)
      throws PaddockException, InterruptedException {
    for (String name : names) {
      String element = Calls.child(path, name);
      try {
        NodeData d = client.getData(element);
        client.delete(element, d.stat().version());
        return Optional.of(d.data() == null ? new byte[0] : d.data());
      } catch (PaddockException.NoNode e) {
        // another consumer took it
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "DistributedQueue[" + path + "]";
  }
}
