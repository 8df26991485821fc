package io.paddock.acl;

/**
 * IPv4 addresses and CIDR ranges ({@code 10.0.0.0/8}) for the {@code ip} scheme, parsed by hand so
 * that this package stays free of {@code java.net} (which may resolve names). IPv6 identities match
 * by exact text.
 */
final class IpRanges {
  private IpRanges() {}

  /** Whether the caller's address lies in the granted address or range. */
  static boolean matches(String granted, String callerAddress) {
    int slash = granted.indexOf('/');
    String base = slash < 0 ? granted : granted.substring(0, slash);
    long baseBits = parseV4(base);
    long callerBits = parseV4(callerAddress);
    if (baseBits < 0 || callerBits < 0) {
      return granted.equals(callerAddress);
    }
    int prefix = slash < 0 ? 32 : parsePrefix(granted.substring(slash + 1));
    if (prefix < 0) {
      return false;
    }
    long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    return (baseBits & mask) == (callerBits & mask);
  }

  /** Whether {@code id} is a valid {@code ip} scheme identity. */
  static boolean isValid(String id) {
    int slash = id.indexOf('/');
    String base = slash < 0 ? id : id.substring(0, slash);
    if (parseV4(base) >= 0) {
      return slash < 0 || parsePrefix(id.substring(slash + 1)) >= 0;
    }
    return base.indexOf(':') >= 0 && base.matches("[0-9a-fA-F:.]+");
  }

  private static int parsePrefix(String text) {
    if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int prefix = Integer.parseInt(text);
    return prefix <= 32 ? prefix : -1;
  }

  /** The address as an unsigned 32-bit value, or -1 if it is not dotted-quad IPv4. */
  static long parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
    }
    return value;
  }
}
