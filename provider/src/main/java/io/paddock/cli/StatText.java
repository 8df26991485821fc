package io.paddock.cli;

import io.paddock.api.Stat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A {@link Stat} as zkCli prints it: one {@code name = value} line per field, zxids and the
 * ephemeral owner in hex, times like {@code java.util.Date#toString} ({@code Wed Nov 25 04:09:01
 * UTC 2026}) in the given zone. Scripts parse these lines, so names and order are zkCli's.
 */
final class StatText {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US);

  private StatText() {}

  /** The eleven lines, each ending in a newline. */
  static String render(Stat stat, ZoneId zone) {
    return "cZxid = 0x"
        + Long.toHexString(stat.czxid())
        + "\nctime = "
        + date(stat.ctime(), zone)
        + "\nmZxid = 0x"
        + Long.toHexString(stat.mzxid())
        + "\nmtime = "
        + date(stat.mtime(), zone)
        + "\npZxid = 0x"
        + Long.toHexString(stat.pzxid())
        + "\ncversion = "
        + stat.cversion()
        + "\ndataVersion = "
        + stat.version()
        + "\naclVersion = "
        + stat.aversion()
        + "\nephemeralOwner = 0x"
        + Long.toHexString(stat.ephemeralOwner())
        + "\ndataLength = "
        + stat.dataLength()
        + "\nnumChildren = "
        + stat.numChildren()
        + "\n";
  }

  /** A time in milliseconds since the epoch, formatted like {@code Date#toString}. */
  static String date(long epochMs, ZoneId zone) {
    return DATE.format(Instant.ofEpochMilli(epochMs).atZone(zone));
  }
}
