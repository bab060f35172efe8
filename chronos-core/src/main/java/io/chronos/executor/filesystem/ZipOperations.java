package io.chronos.executor.filesystem;

import io.chronos.spi.ExecutionContext;
import io.chronos.spi.NonRetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.annotation.Nullable;

/**
 * zip and unzip on checked paths. The result is written to a temporary file or directory next to
 * its target and moved into place only when complete, so a failure (a bad entry, a limit reached, a
 * stop) leaves nothing partial behind. Unzip refuses entries that would land outside the target
 * (zip slip) and stops at the unpack limits (zip bombs), counting the bytes actually written, not
 * the sizes an archive claims. Symbolic links are never archived nor created.
 */
final class ZipOperations {
  private final ExecutionContext ctx;
  private final long maxBytes;
  private final int maxEntries;

  ZipOperations(ExecutionContext ctx, long maxBytes, int maxEntries) {
    this.ctx = ctx;
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  String zip(Path source, Path zipFile) throws IOException, NonRetryableException {
    if (zipFile.startsWith(source) && Files.isRegularFile(source)) {
      throw new NonRetryableException("target must not be the path itself");
    }
    Files.createDirectories(zipFile.getParent());
    Path temp = Files.createTempFile(zipFile.getParent(), ".chronos-zip-", ".tmp");
    long[] count = new long[1];
    try {
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
        if (!Files.isDirectory(source)) {
          add(zip, source, source.getFileName().toString());
          count[0]++;
        } else {
          Files.walkFileTree(
              source,
              new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                    throws IOException {
                  if (!dir.equals(source)) {
                    zip.putNextEntry(new ZipEntry(name(source, dir) + "/"));
                    zip.closeEntry();
                  }
                  return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                  FileOperations.checkStopped(ctx);
                  if (file.equals(temp) || file.equals(zipFile)) {
                    return FileVisitResult.CONTINUE;
                  }
                  if (!attrs.isRegularFile()) {
                    ctx.log().warn("skipped (not a regular file): " + name(source, file));
                    return FileVisitResult.CONTINUE;
                  }
                  add(zip, file, name(source, file));
                  count[0]++;
                  return FileVisitResult.CONTINUE;
                }
              });
        }
      }
      Files.move(temp, zipFile, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return "zipped " + count[0] + " files into " + zipFile.getFileName();
  }

  String unzip(Path zipFile, Path targetDir) throws IOException, NonRetryableException {
    if (Files.exists(targetDir, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(targetDir)) {
      throw new NonRetryableException("target must not exist or be an empty directory");
    }
    Path created = firstMissing(targetDir.getParent());
    Files.createDirectories(targetDir.getParent());
    Path temp = Files.createTempDirectory(targetDir.getParent(), ".chronos-unzip-");
    boolean done = false;
    try (ZipFile zip = open(zipFile)) {
      if (zip.size() > maxEntries) {
        throw new NonRetryableException(
            "zip holds " + zip.size() + " entries, more than the limit of " + maxEntries);
      }
      long written = 0;
      int entries = 0;
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        if (++entries > maxEntries) {
          throw new NonRetryableException("zip holds more entries than the limit of " + maxEntries);
        }
        Path to = entryPath(temp, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(to);
          continue;
        }
        if (to.equals(temp)) {
          throw new NonRetryableException("refused zip entry '" + entry.getName() + "'");
        }
        Files.createDirectories(to.getParent());
        try (InputStream in = zip.getInputStream(entry);
            OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
          written = BoundedCopy.copy(in, out, written, maxBytes, entry.getName(), ctx);
        }
      }
      if (Files.exists(targetDir, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(targetDir); // empty, checked above
      }
      Files.move(temp, targetDir);
      done = true;
      return "unzipped " + entries + " entries (" + written + " bytes)";
    } finally {
      deleteTree(temp);
      if (!done && created != null) {
        deleteTree(created);
      }
    }
  }

  /** The outermost ancestor (or the directory itself) that does not exist yet, if any. */
  @Nullable
  private static Path firstMissing(Path dir) {
    Path missing = null;
    for (Path p = dir;
        p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  /** Where an entry lands inside {@code dir}; refuses names that would leave it (zip slip). */
  static Path entryPath(Path dir, String name) throws NonRetryableException {
    if (name.isEmpty()
        || name.indexOf('\0') >= 0
        || name.indexOf('\\') >= 0
        || name.startsWith("/")
        || name.matches("^[A-Za-z]:.*")) {
      throw new NonRetryableException("refused zip entry '" + name + "': not a relative path");
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw new NonRetryableException("refused zip entry '" + name + "': it leaves the target");
      }
    }
    Path to = dir.resolve(name).normalize();
    if (!to.startsWith(dir)) {
      throw new NonRetryableException("refused zip entry '" + name + "': it leaves the target");
    }
    return to;
  }

  private static void add(ZipOutputStream zip, Path file, String name) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    Files.copy(file, zip);
    zip.closeEntry();
  }

  private static String name(Path base, Path path) {
    return base.relativize(path).toString().replace('\\', '/');
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static ZipFile open(Path zipFile) throws IOException, NonRetryableException {
    try {
      return new ZipFile(zipFile.toFile());
    } catch (ZipException e) {
      throw new NonRetryableException("path is not a zip file: " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      FileOperations.deleteTree(dir, null);
    }
  }
}
