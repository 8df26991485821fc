package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The finished snapshot files in a server's data directory, by the zxid in their names: ZooKeeper
 * writes {@code version-2/snapshot.<hex zxid>}, Paddock {@code snap-<16 hex digits>} (its
 * unfinished ones end in {@code .tmp} and are not matched).
 */
final class SnapshotProbe {
  private static final Pattern ZOOKEEPER = Pattern.compile("snapshot\\.([0-9a-f]+)");
  private static final Pattern PADDOCK = Pattern.compile("snap-([0-9a-f]{16})");

  /** One snapshot file. */
  record Snapshot(long zxid, Path path, long bytes) {}

  private SnapshotProbe() {}

  /** The snapshots in {@code dataDir}, oldest first. */
  static List<Snapshot> list(ServerKind kind, Path dataDir) throws IOException {
    Pattern pattern = kind == ServerKind.ZOOKEEPER ? ZOOKEEPER : PADDOCK;
    Path dir = kind == ServerKind.ZOOKEEPER ? dataDir.resolve("version-2") : dataDir;
    List<Snapshot> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher m = pattern.matcher(file.getFileName().toString());
        if (m.matches()) {
          out.add(new Snapshot(Long.parseUnsignedLong(m.group(1), 16), file, Files.size(file)));
        }
      }
    }
    out.sort(Comparator.comparingLong(Snapshot::zxid));
    return out;
  }
}
