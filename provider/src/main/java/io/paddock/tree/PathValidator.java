package io.paddock.tree;

/**
 * ZooKeeper's path rules: absolute, no trailing slash (except the root), no empty, {@code .} or
 * {@code ..} segments, no null character and none of the control or private-use characters
 * ZooKeeper forbids.
 */
public final class PathValidator {
  private PathValidator() {}

  /** Why the path is invalid, or null if it is valid. */
  public static String problem(String path) {
    if (path == null || path.isEmpty()) {
      return "path must not be empty";
    }
    if (path.charAt(0) != '/') {
      return "path must start with /";
    }
    if (path.length() == 1) {
      return null;
    }
    if (path.charAt(path.length() - 1) == '/') {
      return "path must not end with /";
    }
    int segmentStart = 1;
    for (int i = 1; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c == '/') {
        String problem = segmentProblem(path, segmentStart, i);
        if (problem != null) {
          return problem;
        }
        segmentStart = i + 1;
      } else if (forbidden(c)) {
        return "invalid character \\u" + String.format("%04x", (int) c) + " at index " + i;
      }
    }
    return null;
  }

  private static String segmentProblem(String path, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return "empty segment at index " + start;
    }
    if (length == 1 && path.charAt(start) == '.') {
      return "relative segment . at index " + start;
    }
    if (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
      return "relative segment .. at index " + start;
    }
    return null;
  }

  private static boolean forbidden(char c) {
    return c == 0
        || (c > '\u0000' && c <= '\u001f')
        || (c >= '\u007f' && c <= '\u009f')
        || (c >= '\ud800' && c <= '\uf8ff')
        || c >= '\ufff0';
  }

  /** The parent of a valid non-root path. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /** The last segment of a valid non-root path. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
