package io.paddock.admin;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * Sizes of the data and log directories for {@code dirs}: the bytes of the regular files under a
 * directory. Bounded, so a wrong path (say {@code /}) costs a moment, not minutes: the walk stops
 * after {@value #FILES_MAX} files or {@value #DEPTH_MAX} levels.
 */
public final class DirSizes {
  static final int FILES_MAX = 100_000;
  static final int DEPTH_MAX = 8;

  private DirSizes() {}

  /** Bytes of regular files under {@code dir}; 0 if it does not exist. Unreadable files count 0. */
  public static long bytesUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long[] totals = new long[2]; // bytes, files
    FileVisitor<Path> visitor =
        new FileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              totals[0] += attrs.size();
            }
            return ++totals[1] >= FILES_MAX ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // e.g. removed while we walk: it no longer counts
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        };
    try {
      Files.walkFileTree(
          dir, EnumSet.noneOf(java.nio.file.FileVisitOption.class), DEPTH_MAX, visitor);
    } catch (IOException e) {
      return totals[0]; // what we could see; the visitor already skips single failures
    }
    return totals[0];
  }
}
