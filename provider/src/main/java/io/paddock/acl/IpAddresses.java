package io.paddock.acl;

/**
 * The {@code ip} scheme: textual IPv4/IPv6 addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code
 * 2001:db8::/32}), parsed by our own code. Nothing here resolves host names: a name is simply not
 * an address, which keeps ACL checks pure and fast.
 *
 * <p>As in ZooKeeper, an IPv4 range never matches an IPv6 address and vice versa (no
 * IPv4-mapped-address translation), and a range's address is masked before comparing, so {@code
 * 10.1.2.3/8} matches all of {@code 10.*}.
 */
public final class IpAddresses {
  private static final int IPV4_BYTES = 4;
  private static final int IPV6_BYTES = 16;
  private static final int IPV6_GROUPS = 8;

  private IpAddresses() {}

  /**
   * Whether {@code aclId} is a valid {@code ip} ACL id: an address, optionally followed by {@code
   * /bits} with bits between 0 and the address width.
   */
  public static boolean isValidAclId(String aclId) {
    return prefixBits(aclId) >= 0;
  }

  /**
   * Whether {@code address} (a caller's remote address, optionally with an IPv6 {@code %zone})
   * falls in {@code aclId} (an address or CIDR range).
   */
  public static boolean matches(String aclId, String address) {
    int bits = prefixBits(aclId);
    if (bits < 0) {
      return false;
    }
    int slash = aclId.indexOf('/');
    byte[] range = parse(slash < 0 ? aclId : aclId.substring(0, slash));
    int zone = address.indexOf('%');
    byte[] remote = parse(zone < 0 ? address : address.substring(0, zone));
    if (range == null || remote == null || range.length != remote.length) {
      return false;
    }
    int fullBytes = bits / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (range[i] != remote[i]) {
        return false;
      }
    }
    int restBits = bits % 8;
    if (restBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - restBits)) & 0xFF;
    return (range[fullBytes] & mask) == (remote[fullBytes] & mask);
  }

  /**
   * Parses a textual address.
   *
   * @return 4 bytes for IPv4, 16 for IPv6, or null if {@code text} is not an address
   */
  public static byte[] parse(String text) {
    if (text.indexOf(':') >= 0) {
      return parseV6(text);
    }
    return parseV4(text, new byte[IPV4_BYTES], 0);
  }

  /** The prefix length of an ACL id (the full width if it has none), or -1 if it is invalid. */
  private static int prefixBits(String aclId) {
    int slash = aclId.indexOf('/');
    byte[] addr = parse(slash < 0 ? aclId : aclId.substring(0, slash));
    if (addr == null) {
      return -1;
    }
    int width = addr.length * 8;
    if (slash < 0) {
      return width;
    }
    int bits = parseDecimal(aclId, slash + 1, aclId.length(), 3);
    return bits <= width ? bits : -1;
  }

  /** Parses dotted-quad IPv4 into {@code out} at {@code offset}; null if malformed. */
  private static byte[] parseV4(String text, byte[] out, int offset) {
    int start = 0;
    for (int part = 0; part < IPV4_BYTES; part++) {
      int end = text.indexOf('.', start);
      if (part == IPV4_BYTES - 1) {
        if (end >= 0) {
          return null;
        }
        end = text.length();
      } else if (end < 0) {
        return null;
      }
      int value = parseDecimal(text, start, end, 3);
      if (value < 0 || value > 255) {
        return null;
      }
      out[offset + part] = (byte) value;
      start = end + 1;
    }
    return out;
  }

  /** Parses RFC 4291 text (with {@code ::} and an optional dotted-quad tail); null if malformed. */
  private static byte[] parseV6(String text) {
    byte[] out = new byte[IPV6_BYTES];
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    if (gap < 0) {
      return parseGroups(text, out, 0, IPV6_BYTES) == IPV6_BYTES ? out : null;
    }
    if (text.lastIndexOf('.', gap) >= 0) {
      return null; // a dotted quad may only end the address
    }
    byte[] head = new byte[IPV6_BYTES];
    byte[] tail = new byte[IPV6_BYTES];
    int headBytes = gap == 0 ? 0 : parseGroups(text.substring(0, gap), head, 0, IPV6_BYTES);
    String tailText = text.substring(gap + 2);
    int tailBytes = tailText.isEmpty() ? 0 : parseGroups(tailText, tail, 0, IPV6_BYTES);
    // "::" stands for at least one zero group.
    if (headBytes < 0 || tailBytes < 0 || headBytes + tailBytes > IPV6_BYTES - 2) {
      return null;
    }
    System.arraycopy(head, 0, out, 0, headBytes);
    System.arraycopy(tail, 0, out, IPV6_BYTES - tailBytes, tailBytes);
    return out;
  }

  /**
   * Parses colon-separated hex groups (the last may be a dotted quad) into {@code out}; returns the
   * number of bytes written, or -1 if malformed or longer than {@code maxBytes}.
   */
  private static int parseGroups(String text, byte[] out, int offset, int maxBytes) {
    int written = 0;
    int start = 0;
    for (int group = 0; group <= IPV6_GROUPS; group++) {
      int end = text.indexOf(':', start);
      String part = text.substring(start, end < 0 ? text.length() : end);
      if (end < 0 && part.indexOf('.') >= 0) {
        if (written + IPV4_BYTES > maxBytes || parseV4(part, out, offset + written) == null) {
          return -1;
        }
        return written + IPV4_BYTES;
      }
      int value = parseHex(part);
      if (value < 0 || written + 2 > maxBytes) {
        return -1;
      }
      out[offset + written] = (byte) (value >>> 8);
      out[offset + written + 1] = (byte) value;
      written += 2;
      if (end < 0) {
        return written;
      }
      start = end + 1;
    }
    return -1;
  }

  /** 1 to 4 hex digits, or -1. */
  private static int parseHex(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /** 1 to {@code digitsMax} ASCII digits in {@code text[start, end)}, or -1. */
  private static int parseDecimal(String text, int start, int end, int digitsMax) {
    if (end <= start || end - start > digitsMax) {
      return -1;
    }
    int value = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
