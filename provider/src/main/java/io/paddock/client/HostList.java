package io.paddock.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The servers to try, shuffled once (so many clients with the same connect string spread over the
 * ensemble) and then cycled: after a server fails, the next one is tried. Randomness is injected so
 * tests are deterministic. Used only by the I/O thread; not thread-safe.
 */
final class HostList {
  private final List<InetSocketAddress> hosts;
  private int next;

  HostList(List<InetSocketAddress> hosts, Random random) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("at least one host is needed");
    }
    List<InetSocketAddress> copy = new ArrayList<>(hosts);
    Collections.shuffle(copy, random);
    this.hosts = List.copyOf(copy);
  }

  /** The next server to try, cycling through all of them. */
  InetSocketAddress next() {
    InetSocketAddress host = hosts.get(next);
    next = (next + 1) % hosts.size();
    return host;
  }

  int size() {
    return hosts.size();
  }

  /** The order in which {@link #next} hands out hosts (for tests and logs). */
  List<InetSocketAddress> order() {
    return hosts;
  }
}
