package io.paddock.bundles;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports and Paddock's threads, as seen from outside the framework. */
final class Ports {
  // Never the same port twice in this JVM: the kernel may hand a just-closed port out again, and
  // two members then got the same quorum port (a CI failure of FelixEnsembleIT).
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {}

  /** A port that was free a moment ago and that this JVM has not handed out before. */
  static int free() throws IOException {
    while (true) {
      int port;
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = s.getLocalPort();
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
  }

  /** Whether a plain socket can bind the port on loopback right now. */
  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Names of live threads that Paddock started (they are all named paddock-*). */
  static List<String> paddockThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("paddock-"))
        .sorted()
        .toList();
  }
}
