package io.paddock.client;

/**
 * Client-side path rules (ZooKeeper's): absolute, no trailing slash except the root, no empty,
 * {@code .} or {@code ..} segments, and none of the characters the ZooKeeper programmer's guide
 * forbids (NUL, controls U+0001–U+001F and U+007F–U+009F, U+D800–U+F8FF, U+FFF0–U+FFFF). Checked
 * before anything is sent, so a bad path never costs a round trip. A server-side validator exists
 * separately; this one depends on nothing but the JDK.
 */
final class ClientPaths {
  private ClientPaths() {}

  /**
   * Why {@code path} is not valid, or {@code null} if it is.
   *
   * @param sequential whether the server will append a sequence number (then a trailing slash is
   *     fine: {@code /queue/} becomes {@code /queue/0000000001})
   */
  static String problem(String path, boolean sequential) {
    if (path == null) {
      return "path is null";
    }
    if (path.isEmpty()) {
      return "path is empty";
    }
    if (path.charAt(0) != '/') {
      return "path must start with '/'";
    }
    String checked = sequential ? path + "1" : path;
    if (checked.length() == 1) {
      return null;
    }
    if (checked.charAt(checked.length() - 1) == '/') {
      return "path must not end with '/'";
    }
    int segmentStart = 1;
    for (int i = 1; i <= checked.length(); i++) {
      if (i == checked.length() || checked.charAt(i) == '/') {
        String segment = checked.substring(segmentStart, i);
        if (segment.isEmpty()) {
          return "empty segment at index " + i;
        }
        if (segment.equals(".") || segment.equals("..")) {
          return "relative segment '" + segment + "' at index " + segmentStart;
        }
        segmentStart = i + 1;
        continue;
      }
      char c = checked.charAt(i);
      if (forbidden(c)) {
        return String.format("forbidden character U+%04X at index %d", (int) c, i);
      }
    }
    return null;
  }

  private static boolean forbidden(char c) {
    return c == 0
        || (c > 0 && c < 0x20)
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0xd800 && c <= 0xf8ff)
        || c >= 0xfff0;
  }

  /**
   * Validates {@code path}.
   *
   * @throws IllegalArgumentException naming the path and the problem
   */
  static void validate(String path, boolean sequential) {
    String problem = problem(path, sequential);
    if (problem != null) {
      throw new IllegalArgumentException("invalid path '" + path + "': " + problem);
    }
  }
}
