package io.paddock.client;

/**
 * Maps paths between the client's view (relative to the chroot) and the server's (absolute). Both
 * directions go through here: requests, replies that carry paths, and watch events.
 */
final class Chroot {
  private final String prefix;

  /** {@code prefix} is {@code ""} for no chroot, else a valid path other than {@code "/"}. */
  Chroot(String prefix) {
    if (prefix.equals("/")) {
      throw new IllegalArgumentException("use \"\" for no chroot, not \"/\"");
    }
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /** The server path of a (validated) client path. */
  String toServer(String clientPath) {
    if (prefix.isEmpty()) {
      return clientPath;
    }
    return clientPath.equals("/") ? prefix : prefix + clientPath;
  }

  /** Whether the server path lies inside the chroot (the chroot itself included). */
  boolean contains(String serverPath) {
    return prefix.isEmpty()
        || serverPath.equals(prefix)
        || (serverPath.startsWith(prefix) && serverPath.charAt(prefix.length()) == '/');
  }

  /**
   * The client path of a server path. A path outside the chroot (which a correct server never
   * sends) is returned unchanged rather than mangled.
   */
  String toClient(String serverPath) {
    if (prefix.isEmpty() || serverPath == null || !contains(serverPath)) {
      return serverPath;
    }
    return serverPath.length() == prefix.length() ? "/" : serverPath.substring(prefix.length());
  }
}
