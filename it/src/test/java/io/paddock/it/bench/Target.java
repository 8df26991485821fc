package io.paddock.it.bench;

import java.util.List;
import java.util.Locale;

/**
 * A performance target: a measured ratio, the bound it must meet and in which direction. Printed
 * with every figure so a missed target is as visible as a met one.
 *
 * @param name what was measured, e.g. {@code create 8x64 throughput}
 * @param measured the ratio measured (Paddock over ZooKeeper, or as the name says)
 * @param bound the target
 * @param atLeast whether measured must be at least (else at most) the bound
 */
record Target(String name, double measured, double bound, boolean atLeast) {
  static Target atLeast(String name, double measured, double bound) {
    return new Target(name, measured, bound, true);
  }

  static Target atMost(String name, double measured, double bound) {
    return new Target(name, measured, bound, false);
  }

  boolean met() {
    return atLeast ? measured >= bound : measured <= bound;
  }

  static String table(String title, List<Target> targets) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(Locale.ROOT, "%-40s %10s %10s %6s%n", title, "measured", "target", "met"));
    for (Target t : targets) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-40s %10.2f %10s %6s%n",
              t.name(),
              t.measured(),
              (t.atLeast() ? ">= " : "<= ") + String.format(Locale.ROOT, "%.2f", t.bound()),
              t.met() ? "yes" : "NO"));
    }
    return out.toString();
  }
}
