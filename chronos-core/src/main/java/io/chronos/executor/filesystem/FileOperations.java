package io.chronos.executor.filesystem;

import io.chronos.spi.ExecutionContext;
import io.chronos.spi.NonRetryableException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Copy, move, delete, mkdir, list and age-based clean-up on paths a {@link PathPolicy} already
 * checked. Symbolic links inside directory trees are never followed: they are skipped when copying,
 * removed as links when deleting.
 */
final class FileOperations {
  private final ExecutionContext ctx;
  private final int maxListed;

  FileOperations(ExecutionContext ctx, int maxListed) {
    this.ctx = ctx;
    this.maxListed = maxListed;
  }

  String copy(Path source, Path target) throws IOException, NonRetryableException {
    refuseIntoItself(source, target);
    Files.createDirectories(target.getParent());
    if (!Files.isDirectory(source)) {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new NonRetryableException("target is a directory: give the file's full target path");
      }
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      return "copied 1 file (" + Files.size(target) + " bytes)";
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
      throw new NonRetryableException("target exists and is not a directory");
    }
    long[] counts = new long[2];
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            checkStopped(ctx);
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            checkStopped(ctx);
            if (!attrs.isRegularFile()) {
              ctx.log().warn("skipped (not a regular file): " + source.relativize(file));
              return FileVisitResult.CONTINUE;
            }
            Path to = target.resolve(source.relativize(file).toString());
            Files.copy(
                file,
                to,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            counts[0]++;
            counts[1] += attrs.size();
            return FileVisitResult.CONTINUE;
          }
        });
    return "copied " + counts[0] + " files (" + counts[1] + " bytes)";
  }

  String move(Path source, Path target) throws IOException, NonRetryableException {
    refuseIntoItself(source, target);
    if (Files.isSymbolicLink(source)) {
      throw new NonRetryableException("path is a symbolic link: move its target instead");
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new NonRetryableException("target is an existing directory");
    }
    Files.createDirectories(target.getParent());
    Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    return "moved to " + target.getFileName();
  }

  String delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return "nothing to delete";
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(path);
      return "deleted 1 file";
    }
    return "deleted a directory tree of " + deleteTree(path, ctx) + " files";
  }

  /**
   * Deletes a directory tree without following links (a link is removed, its target untouched).
   * With a context, a stopped run ends the walk; without one (cleaning up), it never does.
   */
  static long deleteTree(Path dir, @Nullable ExecutionContext stoppable) throws IOException {
    long[] deleted = new long[1];
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (stoppable != null) {
              checkStopped(stoppable);
            }
            Files.delete(file);
            deleted[0]++;
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
    return deleted[0];
  }

  String mkdir(Path path) throws IOException, NonRetryableException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path)) {
      throw new NonRetryableException("path exists and is not a directory");
    }
    boolean existed = Files.isDirectory(path);
    Files.createDirectories(path);
    return existed ? "directory already existed" : "created directory";
  }

  String list(Path dir, @Nullable String glob) throws IOException, NonRetryableException {
    if (!Files.isDirectory(dir)) {
      throw new NonRetryableException("path is not a directory");
    }
    PathMatcher matcher =
        glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        if (matcher == null || matcher.matches(entry.getFileName())) {
          entries.add(entry);
        }
      }
    }
    entries.sort(null);
    int shown = 0;
    for (Path entry : entries) {
      if (shown++ >= maxListed) {
        break;
      }
      BasicFileAttributes attrs =
          Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      String kind = attrs.isDirectory() ? "dir" : attrs.isSymbolicLink() ? "link" : "file";
      ctx.log()
          .info(
              entry.getFileName().toString(),
              Map.of(
                  "type", kind,
                  "size", attrs.size(),
                  "modified", attrs.lastModifiedTime().toString()));
    }
    if (entries.size() > maxListed) {
      ctx.log().info((entries.size() - maxListed) + " more entries not listed");
    }
    return "listed " + entries.size() + " entries";
  }

  String deleteOlderThan(Path dir, String glob, int days)
      throws IOException, NonRetryableException {
    if (!Files.isDirectory(dir)) {
      throw new NonRetryableException("path is not a directory");
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    Instant cutoff = ctx.clock().instant().minus(Duration.ofDays(days));
    long[] counts = new long[2];
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            checkStopped(ctx);
            Path relative = dir.relativize(file);
            if (attrs.isRegularFile()
                && matcher.matches(relative)
                && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
              Files.delete(file);
              if (counts[0]++ < maxListed) {
                ctx.log().info("deleted " + relative, Map.of("size", attrs.size()));
              }
              counts[1] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return "deleted "
        + counts[0]
        + " files older than "
        + days
        + " days matching "
        + glob
        + " ("
        + counts[1]
        + " bytes)";
  }

  private static void refuseIntoItself(Path source, Path target) throws NonRetryableException {
    if (target.startsWith(source)) {
      throw new NonRetryableException("target must not be the path itself or inside it");
    }
  }

  /** Ends a long walk or copy when the run is stopped; the engine reports why. */
  static void checkStopped(ExecutionContext ctx) throws StoppedException {
    if (ctx.isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new StoppedException();
    }
  }

  /** Thrown out of a file walk when the run was stopped. */
  static final class StoppedException extends IOException {
    private static final long serialVersionUID = 1L;

    StoppedException() {
      super("run stopped");
    }
  }
}
