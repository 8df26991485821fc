package io.paddock.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap another JVM uses after a full GC, asked with {@code jcmd <pid> GC.run} (System.gc(): a
 * full collection with G1 unless the server set -XX:+ExplicitGCInvokesConcurrent, which neither
 * does) then {@code jcmd <pid> GC.heap_info}.
 *
 * <p>Why jcmd: the harness knows only the server's {@link Process} and PID; jcmd attaches through
 * the JDK's attach mechanism (same user, same JDK), so neither server needs extra JVM flags or a
 * JMX port (which would make its command line differ from the other benchmarks'), and it works the
 * same for both kinds.
 */
final class HeapProbe {
  private static final long JCMD_TIMEOUT_SECONDS = 120;
  private static final int READINGS_MAX = 15;
  private static final int SETTLED_READINGS = 3;
  private static final long SETTLE_PAUSE_MS = 2_000;
  private static final double SETTLED_FRACTION = 0.01;

  /** G1's line, e.g. {@code garbage-first heap total 2097152K, used 523456K [...}. */
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private HeapProbe() {}

  /**
   * Bytes of heap in use in {@code pid} after a full GC once the figure has settled (1 KiB
   * resolution): full GCs {@value #SETTLE_PAUSE_MS} ms apart until three readings in a row agree
   * within {@value #SETTLED_FRACTION} (at most {@value #READINGS_MAX} readings), and the last one
   * counts. Right after a load a server may still be finishing background work that holds memory
   * for seconds (a snapshot being written, a group-commit batch); two readings a second apart once
   * agreed while a snapshot was still being written and measured it (28 MiB at a million znodes).
   * Applied the same way to both servers.
   */
  static long usedAfterFullGcBytes(long pid) throws IOException, InterruptedException {
    long previous = readOnce(pid);
    int agreeing = 1;
    for (int i = 1; i < READINGS_MAX; i++) {
      Thread.sleep(SETTLE_PAUSE_MS); // a benchmark waits on another process: sleeping is the point
      long now = readOnce(pid);
      if (Math.abs(now - previous) <= SETTLED_FRACTION * Math.max(now, previous)) {
        agreeing++;
        if (agreeing == SETTLED_READINGS) {
          return now;
        }
      } else {
        agreeing = 1;
        System.out.printf(
            Locale.ROOT,
            "  heap still settling: %.1f MiB -> %.1f MiB%n",
            previous / 1048576.0,
            now / 1048576.0);
      }
      previous = now;
    }
    return previous;
  }

  /**
   * The first {@code lines} classes of {@code jcmd <pid> GC.class_histogram} (instances and bytes
   * by class, largest first), indented: what the heap figure consists of.
   */
  static String topClasses(long pid, int lines) throws IOException, InterruptedException {
    String histogram = jcmd(pid, "GC.class_histogram");
    StringBuilder out = new StringBuilder();
    int taken = 0;
    for (String line : histogram.split("\n", -1)) {
      if (line.trim().matches("\\d+:\\s+\\d+\\s+\\d+\\s.*") && taken < lines) {
        out.append("    ").append(line.trim()).append('\n');
        taken++;
      }
    }
    return out.toString();
  }

  private static long readOnce(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no 'heap total ..K, used ..K' in GC.heap_info:\n" + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p =
        new ProcessBuilder(List.of(jcmd, Long.toString(pid), command))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("jcmd " + pid + " " + command + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "jcmd " + pid + " " + command + " exited with " + p.exitValue() + ":\n" + out);
    }
    return out;
  }
}
