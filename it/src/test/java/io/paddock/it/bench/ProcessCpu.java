package io.paddock.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time (user + system) a process has used so far, from {@code /proc/<pid>/stat} (fields 14
 * utime and 15 stime, in clock ticks; {@code man 5 proc}). Linux only, like the CI machines.
 */
final class ProcessCpu {
  private static final long FALLBACK_CLOCK_TICKS_PER_SECOND = 100;

  private final long nanosPerTick;

  private ProcessCpu(long ticksPerSecond) {
    this.nanosPerTick = TimeUnit.SECONDS.toNanos(1) / ticksPerSecond;
  }

  /** Reads the tick rate once with {@code getconf CLK_TCK}; 100 (the usual value) if that fails. */
  static ProcessCpu create() {
    return new ProcessCpu(clockTicksPerSecond());
  }

  long nanosPerTick() {
    return nanosPerTick;
  }

  /** utime + stime of {@code pid} in nanoseconds (tick resolution). */
  long cpuNanos(long pid) {
    String stat;
    try {
      stat =
          Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
    }
    // The command name (field 2) is in parentheses and may contain spaces: split after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ", -1);
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    long utimeTicks = Long.parseLong(fields[14 - 3]);
    long stimeTicks = Long.parseLong(fields[15 - 3]);
    return (utimeTicks + stimeTicks) * nanosPerTick;
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        long ticks = Long.parseLong(out.trim());
        if (ticks > 0) {
          return ticks;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the usual Linux value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return FALLBACK_CLOCK_TICKS_PER_SECOND;
  }
}
