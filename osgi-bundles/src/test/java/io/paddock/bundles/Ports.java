package io.paddock.bundles;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Loopback ports and Paddock's threads, as seen from outside the framework. */
final class Ports {
  private Ports() {}

  /** A port that was free a moment ago. */
  static int free() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
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
