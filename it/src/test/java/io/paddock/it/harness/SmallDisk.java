package io.paddock.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small file system that really fills up: a tmpfs of a fixed size mounted over one directory in a
 * private mount namespace. A server writing there gets ENOSPC from the kernel, in whatever call it
 * happens to be making, instead of from an injected fault.
 *
 * <p>How: {@code unshare -r -m} (an unprivileged user namespace that maps our uid to root, and a
 * mount namespace it owns) runs a shell that mounts the tmpfs and then waits on its stdin ({@code
 * exec cat}). That holder keeps the mount alive between server runs, so a server killed with
 * SIGKILL restarts on the very same files. A server joins the namespace through {@link #launcher()}
 * ({@code nsenter}, which execs the JVM rather than forking it, so the harness's process handle is
 * still the server's). The network stays the host's: clients connect over loopback as usual. This
 * JVM reaches the files through {@code /proc/<holder>/root}, the holder's view of the file system;
 * every other process sees the empty directory underneath.
 *
 * <p>{@link #close()} ends the holder by closing its stdin, and the kernel drops the mount once the
 * last process in the namespace is gone. If this JVM dies first, its end of the pipe closes all the
 * same, so nothing outlives the test but the servers it failed to stop.
 */
public final class SmallDisk implements AutoCloseable {
  private static final Duration MOUNT_DEADLINE = Duration.ofSeconds(20);
  private static final Duration EXIT_DEADLINE = Duration.ofSeconds(10);
  private static final int FILL_CHUNK_BYTES = 64 * 1024;

  /**
   * Mounts, says so with the page size (tmpfs allocates whole pages), then holds the namespace
   * until stdin closes. $1 is the mount point, $2 the size in bytes.
   */
  private static final String HOLDER_SCRIPT =
      "mount -t tmpfs -o size=\"$2\",mode=0700 paddock-small-disk \"$1\""
          + " && echo \"mounted $(getconf PAGESIZE)\" && exec cat";

  private final Process holder;
  private final Path mountPoint;
  private final long sizeBytes;
  private final long pageBytes;

  private SmallDisk(Process holder, Path mountPoint, long sizeBytes, long pageBytes) {
    this.holder = holder;
    this.mountPoint = mountPoint;
    this.sizeBytes = sizeBytes;
    this.pageBytes = pageBytes;
  }

  /**
   * Why small disks cannot be made on this machine (no {@code unshare}/{@code nsenter}, user
   * namespaces turned off, {@code /proc/<pid>/root} not reachable), or empty if they can: mounts a
   * tiny one and checks that a file written through {@link #file} is seen inside the namespace.
   */
  public static Optional<String> whyUnavailable(Path scratch) {
    try {
      Path dir = Files.createTempDirectory(scratch, "small-disk-probe-").toAbsolutePath();
      try (SmallDisk disk = mount(dir, 1 << 20)) {
        Files.writeString(disk.file("probe"), "probe", StandardCharsets.UTF_8);
        List<String> command = new java.util.ArrayList<>(disk.launcher());
        command.addAll(
            List.of("sh", "-c", "test -f \"$1\"", "sh", dir.resolve("probe").toString()));
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        check.getOutputStream().close();
        if (!check.waitFor(EXIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
          check.destroyForcibly();
          return Optional.of("nsenter into the probe namespace did not finish");
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.exitValue() != 0) {
          return Optional.of("nsenter cannot see the small disk: " + output.strip());
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot mount a small tmpfs in a user namespace: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing");
    }
  }

  /**
   * Mounts a tmpfs of {@code sizeBytes} over {@code mountPoint} (an existing directory) in a new
   * namespace; returns once it is mounted.
   */
  public static SmallDisk mount(Path mountPoint, long sizeBytes) throws IOException {
    Path dir = mountPoint.toAbsolutePath();
    Path log = dir.resolveSibling(dir.getFileName() + "-small-disk.log");
    Process holder =
        new ProcessBuilder(
                "unshare",
                "-r",
                "-m",
                "sh",
                "-c",
                HOLDER_SCRIPT,
                "sh",
                dir.toString(),
                Long.toString(sizeBytes))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Instant deadline = Instant.now().plus(MOUNT_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      String said = Files.readString(log, StandardCharsets.UTF_8);
      int at = said.indexOf("mounted ");
      if (at >= 0 && said.indexOf('\n', at) > 0) {
        long page = Long.parseLong(said.substring(at + 8, said.indexOf('\n', at)).strip());
        return new SmallDisk(holder, dir, sizeBytes, page);
      }
      if (!holder.isAlive()) {
        throw new IOException(
            "mounting a tmpfs on " + dir + " failed (exit " + holder.exitValue() + "): " + said);
      }
      ServerProcess.pause(Duration.ofMillis(20));
    }
    holder.destroyForcibly();
    throw new IOException("no tmpfs on " + dir + " within " + MOUNT_DEADLINE + "; see " + log);
  }

  /** The command prefix that runs a program inside the namespace, where the tmpfs is mounted. */
  public List<String> launcher() {
    return List.of(
        "nsenter", "-t", Long.toString(holder.pid()), "-U", "-m", "--preserve-credentials", "--");
  }

  /** The tmpfs allocates space in pages of this size. */
  public long pageBytes() {
    return pageBytes;
  }

  /** {@code name} on the small disk, as this JVM reaches it (through the holder's root). */
  public Path file(String name) {
    return Path.of("/proc", Long.toString(holder.pid()), "root")
        .resolve(mountPoint.getRoot().relativize(mountPoint))
        .resolve(name);
  }

  /**
   * Creates {@code name} and writes zeros into it until the disk is full, then gives back {@code
   * freeBytes} (whole pages, as the file ends on a page boundary). Nothing else may write
   * meanwhile.
   *
   * @return the filler's size
   */
  public long fillLeaving(String name, long freeBytes) throws IOException {
    try (FileChannel out =
        FileChannel.open(file(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate(FILL_CHUNK_BYTES);
      long written = 0;
      try {
        while (true) {
          zeros.clear();
          written += out.write(zeros, written);
          if (written > sizeBytes) {
            throw new IllegalStateException(
                "wrote " + written + " bytes to a " + sizeBytes + "-byte tmpfs: it is not mounted");
          }
        }
      } catch (IOException e) {
        if (!isNoSpace(e)) {
          throw e;
        }
      }
      long full = out.size();
      if (full < freeBytes) {
        throw new IllegalStateException(
            "only " + full + " bytes were free, cannot leave " + freeBytes);
      }
      out.truncate(full - freeBytes);
      return full - freeBytes;
    }
  }

  /** Gives back {@code bytes} of a filler's space by cutting its end. */
  public void shrink(String name, long bytes) throws IOException {
    try (FileChannel out = FileChannel.open(file(name), StandardOpenOption.WRITE)) {
      out.truncate(out.size() - bytes);
    }
  }

  /** Deletes {@code name}: its space is free at once (tmpfs). */
  public void delete(String name) throws IOException {
    Files.delete(file(name));
  }

  /** The files on the small disk and their sizes, by name. */
  public SortedMap<String, Long> files() {
    SortedMap<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> entries = Files.list(file(""))) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        sizes.put(p.getFileName().toString(), Files.size(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the small disk " + mountPoint, e);
    }
    return sizes;
  }

  /** Ends the holder; the mount goes once no server runs in the namespace any more. */
  @Override
  public void close() {
    try {
      holder.getOutputStream().close();
      if (!holder.waitFor(EXIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        holder.destroyForcibly();
        holder.waitFor(EXIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IOException e) {
      holder.destroyForcibly();
    } catch (InterruptedException e) {
      holder.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "tmpfs of "
        + sizeBytes
        + " bytes on "
        + mountPoint
        + " (holder pid "
        + holder.pid()
        + ")";
  }

  private static boolean isNoSpace(IOException e) {
    return String.valueOf(e.getMessage()).contains("No space left on device");
  }
}
