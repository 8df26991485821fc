package io.paddock.client;

import io.paddock.api.ClientConfig;
import io.paddock.wire.FrameDecoder;
import java.util.Random;

/**
 * The client's internal limits and seams, with defaults; not part of the public {@link
 * ClientConfig} because applications have no reason to change them, but tests do (a small
 * setWatches batch, a seeded {@link Random}).
 *
 * @param requestFrameBytesMax largest request payload we send; a bigger request fails at once with
 *     BAD_ARGUMENTS instead of making the server drop the connection (ZooKeeper's {@code
 *     jute.maxbuffer} default plus the 1 KiB it allows for header, path and ACL)
 * @param replyFrameBytesMax largest reply payload we accept; generous because a server may answer
 *     with more than it accepts (a node with very many children)
 * @param setWatchesBytesMax payload budget of one setWatches frame after a reconnect; long watch
 *     lists are split into several frames (ZooKeeper's client uses 128 KiB)
 * @param backoffBaseMs reconnect delay after the first failure, before jitter
 * @param backoffMaxMs cap on the reconnect delay
 * @param closeWaitMs how long {@code close()} waits for the closeSession reply
 * @param pendingRequestsMax sent-but-unanswered requests per connection; beyond it requests wait in
 *     the outbox (back-pressure, not failure)
 * @param queuedRequestsMax requests waiting to be sent; beyond it a request fails with THROTTLED_OP
 * @param writeBufferBytesMax bytes queued for the socket before the outbox stops draining
 * @param random the randomness for host shuffling and backoff jitter
 */
record ClientTuning(
    int requestFrameBytesMax,
    int replyFrameBytesMax,
    int setWatchesBytesMax,
    long backoffBaseMs,
    long backoffMaxMs,
    long closeWaitMs,
    int pendingRequestsMax,
    int queuedRequestsMax,
    int writeBufferBytesMax,
    Random random) {

  static final int SET_WATCHES_BYTES_MAX_DEFAULT = 128 * 1024;

  ClientTuning {
    positive("requestFrameBytesMax", requestFrameBytesMax);
    positive("replyFrameBytesMax", replyFrameBytesMax);
    positive("setWatchesBytesMax", setWatchesBytesMax);
    positive("backoffBaseMs", backoffBaseMs);
    positive("backoffMaxMs", backoffMaxMs);
    positive("closeWaitMs", closeWaitMs);
    positive("pendingRequestsMax", pendingRequestsMax);
    positive("queuedRequestsMax", queuedRequestsMax);
    positive("writeBufferBytesMax", writeBufferBytesMax);
    if (setWatchesBytesMax > requestFrameBytesMax) {
      throw new IllegalArgumentException(
          "setWatchesBytesMax "
              + setWatchesBytesMax
              + " exceeds requestFrameBytesMax "
              + requestFrameBytesMax);
    }
  }

  /** The defaults, with unseeded randomness. */
  static ClientTuning defaults() {
    return defaults(new Random());
  }

  /** The defaults with the given randomness. */
  static ClientTuning defaults(Random random) {
    return new ClientTuning(
        FrameDecoder.DEFAULT_FRAME_BYTES_MAX,
        16 * 1024 * 1024,
        SET_WATCHES_BYTES_MAX_DEFAULT,
        20,
        1_000,
        2_000,
        10_000,
        100_000,
        1024 * 1024,
        random);
  }

  /** A copy with another setWatches budget. */
  ClientTuning withSetWatchesBytesMax(int value) {
    return new ClientTuning(
        requestFrameBytesMax,
        replyFrameBytesMax,
        value,
        backoffBaseMs,
        backoffMaxMs,
        closeWaitMs,
        pendingRequestsMax,
        queuedRequestsMax,
        writeBufferBytesMax,
        random);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }
}
