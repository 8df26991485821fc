package io.paddock.tree;

/**
 * ZooKeeper's znode path rules, our own code. A path is valid when it
 *
 * <ul>
 *   <li>starts with {@code /} and is either {@code /} or does not end with {@code /};
 *   <li>has no empty segment ({@code //}) and no {@code .} or {@code ..} segment;
 *   <li>contains no U+0000 and no character in U+0001–U+001F, U+007F–U+009F, U+D800–U+F8FF (which
 *       includes every surrogate, so no supplementary character is allowed) or U+FFF0–U+FFFF.
 * </ul>
 *
 * <p>A sequential create validates the path with a suffix appended, so {@code /a/} is a legal
 * sequential path (it becomes {@code /a/0000000000}).
 *
 * <p>Depends on the JDK only, so that the client can use it too.
 */
public final class PathValidator {
  private PathValidator() {}

  /** Whether {@code path} is a valid znode path. */
  public static boolean isValid(String path) {
    return invalidReason(path) == null;
  }

  /**
   * Why {@code path}, as requested by a create of the given kind, is invalid.
   *
   * @param sequential whether the server will append a sequence suffix
   * @return null if valid, otherwise a human-readable reason
   */
  public static String invalidReason(String path, boolean sequential) {
    return invalidReason(sequential && path != null ? path + "0" : path);
  }

  /**
   * Why {@code path} is invalid.
   *
   * @return null if valid, otherwise a human-readable reason
   */
  public static String invalidReason(String path) {
    if (path == null) {
      return "path is null";
    }
    int length = path.length();
    if (length == 0) {
      return "path is empty";
    }
    if (path.charAt(0) != '/') {
      return "path must start with /";
    }
    if (length == 1) {
      return null;
    }
    if (path.charAt(length - 1) == '/') {
      return "path must not end with /";
    }
    int segmentStart = 1;
    for (int i = 1; i <= length; i++) {
      char c = i < length ? path.charAt(i) : '/';
      if (c == '/') {
        String reason = segmentProblem(path, segmentStart, i);
        if (reason != null) {
          return reason;
        }
        segmentStart = i + 1;
      } else if (c == 0) {
        return "null character not allowed @" + i;
      } else if (isForbidden(c)) {
        return "invalid character @" + i;
      }
    }
    return null;
  }

  private static String segmentProblem(String path, int start, int end) {
    int segmentChars = end - start;
    if (segmentChars == 0) {
      return "empty node name specified @" + end;
    }
    if (segmentChars == 1 && path.charAt(start) == '.') {
      return "relative paths not allowed @" + start;
    }
    if (segmentChars == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
      return "relative paths not allowed @" + start;
    }
    return null;
  }

  private static boolean isForbidden(char c) {
    return (c > '\u0000' && c <= '\u001f')
        || (c >= '\u007f' && c <= '\u009f')
        || (c >= '\ud800' && c <= '\uf8ff')
        || (c >= '\ufff0');
  }
}
