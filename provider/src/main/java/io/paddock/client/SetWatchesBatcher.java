package io.paddock.client;

import io.paddock.wire.Request;
import io.paddock.wire.RequestHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the watch lists to re-register after a reconnect into setWatches frames that each fit a
 * byte budget, so a client with very many watches never sends a frame the server must reject.
 * Batches without persistent watches use the old {@code setWatches} (every server knows it); the
 * others use {@code setWatches2}. Pure.
 */
final class SetWatchesBatcher {
  /** Request header, relativeZxid and five vector counts. */
  static final int FIXED_BYTES = RequestHeader.BYTES + 8 + 5 * 4;

  private SetWatchesBatcher() {}

  /**
   * The setWatches bodies for {@code serverPaths} (already chroot-prefixed), each at most {@code
   * bytesMax} payload bytes unless a single path alone is bigger.
   */
  static List<Request> batches(
      long relativeZxid, ClientWatchRegistry.Snapshot serverPaths, int bytesMax) {
    List<Request> out = new ArrayList<>();
    if (serverPaths.isEmpty()) {
      return out;
    }
    List<List<String>> sources =
        List.of(
            serverPaths.data(),
            serverPaths.exist(),
            serverPaths.child(),
            serverPaths.persistent(),
            serverPaths.persistentRecursive());
    List<List<String>> batch = emptyBatch();
    int batchBytes = FIXED_BYTES;
    boolean batchHasPaths = false;
    for (int kind = 0; kind < sources.size(); kind++) {
      for (String path : sources.get(kind)) {
        int cost = 4 + path.getBytes(StandardCharsets.UTF_8).length;
        if (batchHasPaths && batchBytes + cost > bytesMax) {
          out.add(toRequest(relativeZxid, batch));
          batch = emptyBatch();
          batchBytes = FIXED_BYTES;
        }
        batch.get(kind).add(path);
        batchBytes += cost;
        batchHasPaths = true;
      }
    }
    out.add(toRequest(relativeZxid, batch));
    return out;
  }

  private static List<List<String>> emptyBatch() {
    List<List<String>> b = new ArrayList<>(5);
    for (int i = 0; i < 5; i++) {
      b.add(new ArrayList<>());
    }
    return b;
  }

  private static Request toRequest(long relativeZxid, List<List<String>> b) {
    if (b.get(3).isEmpty() && b.get(4).isEmpty()) {
      return new Request.SetWatches(relativeZxid, b.get(0), b.get(1), b.get(2));
    }
    return new Request.SetWatches2(relativeZxid, b.get(0), b.get(1), b.get(2), b.get(3), b.get(4));
  }
}
