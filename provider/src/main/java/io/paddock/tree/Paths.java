package io.paddock.tree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Znode paths as the tree stores them: UTF-8 bytes, one array per node and no String object around
 * it (24 bytes per znode saved; a million-znode heap is mostly per-node overhead). Lookups still
 * take Strings, so this class hashes and compares a String against stored bytes without encoding it
 * when it is ASCII (nearly every path), and hashes both forms alike.
 */
final class Paths {
  private Paths() {}

  static byte[] utf8(String path) {
    return path.getBytes(StandardCharsets.UTF_8);
  }

  static String string(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** The path from byte {@code from} on (a child's name), decoded. */
  static String string(byte[] utf8, int from) {
    return new String(utf8, from, utf8.length - from, StandardCharsets.UTF_8);
  }

  static boolean isAscii(String path) {
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** 31-polynomial over the unsigned bytes; for an ASCII path, equal to its String hash code. */
  static int hash(byte[] utf8) {
    int h = 0;
    for (byte b : utf8) {
      h = 31 * h + (b & 0xff);
    }
    return h;
  }

  /**
   * {@link #hash(byte[])} of {@code path}'s UTF-8 bytes; {@code utf8} is those bytes, or null when
   * {@code path} is ASCII (then the String's cached hash code is the same number).
   */
  static int hash(String path, byte[] utf8) {
    return utf8 == null ? path.hashCode() : hash(utf8);
  }

  /** Whether {@code stored} is {@code path}; {@code utf8} as for {@link #hash(String, byte[])}. */
  static boolean same(byte[] stored, String path, byte[] utf8) {
    if (utf8 != null) {
      return Arrays.equals(stored, utf8);
    }
    int n = path.length();
    if (stored.length != n) {
      return false;
    }
    for (int i = n - 1; i >= 0; i--) { // siblings differ at the end: compare from there
      if (stored[i] != path.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code stored} begins with the ASCII {@code prefix}. */
  static boolean startsWith(byte[] stored, String prefix) {
    int n = prefix.length();
    if (stored.length < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (stored[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
