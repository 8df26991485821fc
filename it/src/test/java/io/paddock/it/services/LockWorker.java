package io.paddock.it.services;

import io.paddock.api.ClientConfig;
import io.paddock.api.NodeData;
import io.paddock.api.Op;
import io.paddock.api.PaddockClient;
import io.paddock.api.recipes.Coordination;
import io.paddock.api.recipes.Coordinations;
import io.paddock.api.recipes.DistributedLock;
import io.paddock.api.recipes.Lease;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A separate process competing for a lock: {@code threads} threads each increment the counter node
 * {@code rounds} times under the lock, with a read-modify-write whose write is conditional on the
 * version read, so any overlap of two holders fails loudly (the exception escapes {@code main},
 * exit status 1) instead of losing an update silently.
 *
 * <p>Arguments: {@code connectString lockPath counterPath rounds threads}.
 */
public final class LockWorker {
  private LockWorker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: LockWorker connectString lockPath counterPath rounds threads");
    }
    int rounds = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    ClientConfig config = ClientConfig.builder(args[0]).sessionTimeoutMs(30_000).build();
    try (Coordination coordination = Coordinations.connect(config)) {
      DistributedLock lock = coordination.mutex(args[1]);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < rounds; r++) {
                    incrementUnder(lock, coordination.client(), args[2]);
                  }
                  return null;
                }));
      }
      try {
        for (Future<?> f : done) {
          f.get(5, TimeUnit.MINUTES); // a failure escapes main: the JVM exits with status 1
        }
      } finally {
        pool.shutdownNow();
      }
    }
    System.out.println("LockWorker done");
  }

  /** One increment of the decimal counter at {@code counter}, under {@code lock}. */
  static void incrementUnder(DistributedLock lock, PaddockClient client, String counter)
      throws Exception {
    try (Lease lease = lock.acquire()) {
      NodeData d = client.getData(counter);
      long v = Long.parseLong(new String(d.data(), StandardCharsets.UTF_8));
      byte[] next = Long.toString(v + 1).getBytes(StandardCharsets.UTF_8);
      lease.writeIfHeld(List.of(new Op.SetData(counter, next, d.stat().version())));
    }
  }
}
