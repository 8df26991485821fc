package io.paddock.recipes;

import java.util.Optional;

/**
 * One node of a waiting queue, parsed from its name {@code _c_<uuid>-<kind>-<sequence>}: the uuid
 * identifies the create that made it (to find it again after a lost answer), the kind says what it
 * waits for (lock, read, write, latch, lease), the 10-digit sequence is its place in the queue.
 *
 * @param name the node name (not the path)
 * @param id the unique id of the create that made it
 * @param kind what it waits for
 * @param sequence the sequence number the ensemble appended
 */
record QueueNode(String name, String id, String kind, long sequence) {
  static final String PREFIX = "_c_";

  /** ZooKeeper appends exactly ten characters: {@code %010d} of a 32-bit counter. */
  static final int SEQUENCE_CHARS = 10;

  /** Longest id we generate or accept; keeps names far below any path limit. */
  static final int ID_CHARS_MAX = 64;

  /** Longest kind we accept. */
  static final int KIND_CHARS_MAX = 16;

  /** The name prefix a create with {@code id} and {@code kind} asks for. */
  static String prefix(String id, String kind) {
    if (id.isEmpty() || id.length() > ID_CHARS_MAX || id.indexOf('/') >= 0) {
      throw new IllegalArgumentException("bad queue node id: " + id);
    }
    if (!isKind(kind)) {
      throw new IllegalArgumentException("bad queue node kind: " + kind);
    }
    return PREFIX + id + "-" + kind + "-";
  }

  /** The node named {@code name}, or empty if the name is not a queue node's. */
  static Optional<QueueNode> parse(String name) {
    if (!name.startsWith(PREFIX) || name.length() <= PREFIX.length() + SEQUENCE_CHARS + 2) {
      return Optional.empty();
    }
    int seqStart = name.length() - SEQUENCE_CHARS;
    if (name.charAt(seqStart - 1) != '-') {
      return Optional.empty();
    }
    long sequence;
    try {
      sequence = Long.parseLong(name.substring(seqStart));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String middle = name.substring(PREFIX.length(), seqStart - 1); // <id>-<kind>
    int cut = middle.lastIndexOf('-');
    if (cut <= 0 || cut == middle.length() - 1) {
      return Optional.empty();
    }
    String id = middle.substring(0, cut);
    String kind = middle.substring(cut + 1);
    if (id.length() > ID_CHARS_MAX || !isKind(kind)) {
      return Optional.empty();
    }
    return Optional.of(new QueueNode(name, id, kind, sequence));
  }

  /** Kinds are short lower-case words, so a name's id and kind can always be told apart. */
  private static boolean isKind(String kind) {
    if (kind.isEmpty() || kind.length() > KIND_CHARS_MAX) {
      return false;
    }
    for (int i = 0; i < kind.length(); i++) {
      char ch = kind.charAt(i);
      if (ch < 'a' || ch > 'z') {
        return false;
      }
    }
    return true;
  }
}
