package io.paddock.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@link Disk} on the machine's file system, through {@link FileChannel}. */
final class RealDisk implements Disk {
  static final RealDisk INSTANCE = new RealDisk();

  private RealDisk() {}

  @Override
  public DiskFile open(Path file, Mode mode) throws IOException {
    FileChannel channel =
        switch (mode) {
          case READ -> FileChannel.open(file, StandardOpenOption.READ);
          case CREATE_NEW ->
              FileChannel.open(
                  file,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.CREATE_NEW);
          case WRITE_EXISTING ->
              FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        };
    return new ChannelFile(channel);
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    return entries(dir, false);
  }

  @Override
  public List<String> listDirectories(Path dir) throws IOException {
    return entries(dir, true);
  }

  private static List<String> entries(Path dir, boolean directories) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        if (directories ? Files.isDirectory(p) : Files.isRegularFile(p)) {
          names.add(p.getFileName().toString());
        }
      }
    }
    return names;
  }

  @Override
  public void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    // Opening a directory for reading and forcing it syncs its entries on Linux and macOS; some
    // platforms (Windows) cannot open a directory at all, and there the rename is durable anyway.
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!isWindows() || !Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private static boolean isWindows() {
    return java.io.File.separatorChar == '\\';
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  private static final class ChannelFile implements DiskFile {
    private final FileChannel channel;

    ChannelFile(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return channel.read(dst, position);
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
      long at = position;
      while (src.hasRemaining()) {
        at += channel.write(src, at);
      }
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public void truncate(long length) throws IOException {
      channel.truncate(length);
    }

    @Override
    public void sync() throws IOException {
      channel.force(false);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
