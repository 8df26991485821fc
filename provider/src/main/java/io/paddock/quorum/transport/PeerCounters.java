package io.paddock.quorum.transport;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link PeerFigures}; written by several transport threads. */
final class PeerCounters {
  final AtomicLong sent = new AtomicLong();
  final AtomicLong received = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
}
