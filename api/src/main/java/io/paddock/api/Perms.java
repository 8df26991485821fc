package io.paddock.api;

/** Permission bits of an {@link Acl}, with ZooKeeper's values. */
public final class Perms {
  /** May read the data and list the children. */
  public static final int READ = 1;

  /** May set the data. */
  public static final int WRITE = 2;

  /** May create children. */
  public static final int CREATE = 4;

  /** May delete children. */
  public static final int DELETE = 8;

  /** May change the ACL. */
  public static final int ADMIN = 16;

  /** All of the above. */
  public static final int ALL = READ | WRITE | CREATE | DELETE | ADMIN;

  private Perms() {}

  /** Renders permission bits as ZooKeeper's CLI does, for example {@code cdrwa}. */
  public static String toLetters(int perms) {
    StringBuilder sb = new StringBuilder(5);
    if ((perms & CREATE) != 0) {
      sb.append('c');
    }
    if ((perms & DELETE) != 0) {
      sb.append('d');
    }
    if ((perms & READ) != 0) {
      sb.append('r');
    }
    if ((perms & WRITE) != 0) {
      sb.append('w');
    }
    if ((perms & ADMIN) != 0) {
      sb.append('a');
    }
    return sb.toString();
  }

  /**
   * Parses letters such as {@code cdrwa} into permission bits.
   *
   * @throws IllegalArgumentException on a letter that is not one of {@code cdrwa}
   */
  public static int fromLetters(String letters) {
    int perms = 0;
    for (int i = 0; i < letters.length(); i++) {
      char c = letters.charAt(i);
      switch (c) {
        case 'c' -> perms |= CREATE;
        case 'd' -> perms |= DELETE;
        case 'r' -> perms |= READ;
        case 'w' -> perms |= WRITE;
        case 'a' -> perms |= ADMIN;
        default -> throw new IllegalArgumentException("unknown permission letter: " + c);
      }
    }
    return perms;
  }
}
