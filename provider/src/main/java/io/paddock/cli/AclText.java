package io.paddock.cli;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import java.util.ArrayList;
import java.util.List;

/**
 * ACLs in zkCli's text form. Input: comma-separated {@code scheme:id:perms} entries such as {@code
 * world:anyone:cdrwa}, {@code digest:user:base64hash:cdrwa}, {@code auth::cdrwa}, {@code
 * ip:10.0.0.0/8:r}. The scheme ends at the first colon and the permissions start after the last
 * one, so ids may contain colons (digest ids, IPv6 addresses). Output: zkCli's two-line form per
 * entry ({@code 'world,'anyone} then {@code : cdrwa}), which people grep for.
 */
final class AclText {
  /** At most this many entries in one ACL; real ACLs have a handful. */
  static final int ENTRIES_MAX = 1_000;

  private AclText() {}

  /**
   * Parses a comma-separated ACL.
   *
   * @throws UsageException naming the first malformed entry or unknown permission letter
   */
  static List<Acl> parse(String text) throws UsageException {
    String[] entries = text.split(",", -1);
    if (entries.length > ENTRIES_MAX) {
      throw new UsageException(
          "too many ACL entries: " + entries.length + ", at most " + ENTRIES_MAX);
    }
    List<Acl> acl = new ArrayList<>(entries.length);
    for (String entry : entries) {
      acl.add(parseEntry(entry.trim()));
    }
    return List.copyOf(acl);
  }

  private static Acl parseEntry(String entry) throws UsageException {
    int first = entry.indexOf(':');
    int last = entry.lastIndexOf(':');
    if (first <= 0 || first == last) {
      throw new UsageException(entry + " does not have the form scheme:id:perm");
    }
    String scheme = entry.substring(0, first);
    String id = entry.substring(first + 1, last);
    int perms = parsePerms(entry.substring(last + 1));
    return new Acl(perms, new Id(scheme, id));
  }

  /**
   * Permission letters ({@code cdrwa}) to bits.
   *
   * @throws UsageException on any other letter, in zkCli's words
   */
  static int parsePerms(String letters) throws UsageException {
    int perms = 0;
    for (int i = 0; i < letters.length(); i++) {
      char c = letters.charAt(i);
      perms |=
          switch (c) {
            case 'c' -> Perms.CREATE;
            case 'd' -> Perms.DELETE;
            case 'r' -> Perms.READ;
            case 'w' -> Perms.WRITE;
            case 'a' -> Perms.ADMIN;
            default -> throw new UsageException("Unknown perm type: " + c);
          };
    }
    return perms;
  }

  /** One entry as the text {@link #parse} accepts: {@code scheme:id:perms}. */
  static String toText(Acl acl) {
    return acl.id().scheme() + ":" + acl.id().id() + ":" + Perms.toLetters(acl.perms());
  }

  /** zkCli's {@code getAcl} rendering: two lines per entry, each line ending in a newline. */
  static String render(List<Acl> acl) {
    StringBuilder sb = new StringBuilder();
    for (Acl a : acl) {
      sb.append('\'')
          .append(a.id().scheme())
          .append(",'")
          .append(a.id().id())
          .append('\n')
          .append(": ")
          .append(Perms.toLetters(a.perms()))
          .append('\n');
    }
    return sb.toString();
  }
}
