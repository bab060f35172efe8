package io.chronos.executor.filesystem;

import io.chronos.spi.ExecutionContext;
import io.chronos.spi.NonRetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * gzip and gunzip of one file on checked paths. The source is kept; the result is written to a
 * temporary file next to the target and moved into place only when complete. gunzip stops at the
 * unpack byte limit (a gzip bomb), leaving nothing behind.
 */
final class GzipOperations {
  private final ExecutionContext ctx;
  private final long maxBytes;

  GzipOperations(ExecutionContext ctx, long maxBytes) {
    this.ctx = ctx;
    this.maxBytes = maxBytes;
  }

  String gzip(Path source, Path target) throws IOException, NonRetryableException {
    if (!Files.isRegularFile(source)) {
      throw new NonRetryableException("path is not a regular file");
    }
    return replaceWith(
        target,
        temp -> {
          try (InputStream in = Files.newInputStream(source);
              OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp))) {
            BoundedCopy.copy(in, out, 0, maxBytes, null, ctx);
          }
          return "gzipped to " + target.getFileName() + " (" + Files.size(temp) + " bytes)";
        });
  }

  String gunzip(Path source, Path target) throws IOException, NonRetryableException {
    if (!Files.isRegularFile(source)) {
      throw new NonRetryableException("path is not a regular file");
    }
    return replaceWith(
        target,
        temp -> {
          long written;
          try (InputStream in = new GZIPInputStream(Files.newInputStream(source));
              OutputStream out = Files.newOutputStream(temp)) {
            written = BoundedCopy.copy(in, out, 0, maxBytes, source.getFileName().toString(), ctx);
          } catch (ZipException e) {
            throw new NonRetryableException("path is not a gzip file: " + e.getMessage());
          }
          return "gunzipped to " + target.getFileName() + " (" + written + " bytes)";
        });
  }

  private interface TempWriter {
    String write(Path temp) throws IOException, NonRetryableException;
  }

  private static String replaceWith(Path target, TempWriter writer)
      throws IOException, NonRetryableException {
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new NonRetryableException("target is a directory");
    }
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".chronos-gz-", ".tmp");
    try {
      String summary = writer.write(temp);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      return summary;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
