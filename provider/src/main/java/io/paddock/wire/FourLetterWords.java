package io.paddock.wire;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * ZooKeeper's four-letter admin commands ({@code echo ruok | nc host 2181}). They arrive on the
 * client port instead of a first frame: the four ASCII bytes sit exactly where the first frame's
 * length would be, so the server looks at the first int of a connection before treating it as a
 * length. As a length each of them is over 1.6 GB, so it can never be mistaken for a real frame
 * under any sane {@code frameBytesMax}. {@code stmk} is followed by an 8-byte trace mask.
 */
public final class FourLetterWords {
  /** Every command ZooKeeper 3.9 recognises (whether a server enables them is its own policy). */
  public static final Set<String> ALL =
      Set.of(
          "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash", "isro", "mntr", "ruok",
          "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");

  private FourLetterWords() {}

  /** The command whose ASCII bytes, big-endian, are {@code firstInt}, or {@code null}. */
  public static String parse(int firstInt) {
    byte[] bytes = {
      (byte) (firstInt >>> 24), (byte) (firstInt >>> 16), (byte) (firstInt >>> 8), (byte) firstInt
    };
    for (byte b : bytes) {
      if (b < 'a' || b > 'z') {
        return null;
      }
    }
    String word = new String(bytes, StandardCharsets.US_ASCII);
    return ALL.contains(word) ? word : null;
  }

  /** The int a command occupies as the first 4 bytes of a connection. */
  public static int toInt(String word) {
    byte[] b = word.getBytes(StandardCharsets.US_ASCII);
    if (b.length != 4) {
      throw new IllegalArgumentException("not four letters: " + word);
    }
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }
}
