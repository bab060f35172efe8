package io.chronos.executor.filesystem;

import java.nio.file.Path;
import javax.annotation.Nullable;

/**
 * What the FILE_SYSTEM executor of a node allows. Start from {@link #defaults()} (no base
 * directory: every FILE_SYSTEM job is refused) and name the base:
 *
 * <pre>{@code
 * new FileSystemExecutor(FileSystemSettings.defaults().withBaseDir(Path.of("/srv/chronos-files")))
 * }</pre>
 *
 * @param baseDir the directory every path of every FILE_SYSTEM job stays inside; null disables
 *     FILE_SYSTEM jobs on this node
 * @param adminOnly true (the default) when only ADMINs may create or change FILE_SYSTEM jobs
 * @param maxUnpackedBytes the most bytes one UNZIP or GUNZIP may write (zip-bomb guard)
 * @param maxUnpackedEntries the most entries one UNZIP may hold (zip-bomb guard)
 * @param maxListedEntries the most entries LIST and DELETE_OLDER_THAN write into the run log, one
 *     line each; the rest are counted in one line
 */
public record FileSystemSettings(
    @Nullable Path baseDir,
    boolean adminOnly,
    long maxUnpackedBytes,
    int maxUnpackedEntries,
    int maxListedEntries) {

  /** Bytes one UNZIP or GUNZIP may write: 1 GiB. */
  public static final long DEFAULT_MAX_UNPACKED_BYTES = 1024L * 1024 * 1024;

  /** Entries one UNZIP may hold. */
  public static final int DEFAULT_MAX_UNPACKED_ENTRIES = 10_000;

  /** Entries LIST and DELETE_OLDER_THAN log one line each for. */
  public static final int DEFAULT_MAX_LISTED_ENTRIES = 1000;

  public FileSystemSettings {
    baseDir = baseDir == null ? null : baseDir.toAbsolutePath().normalize();
    if (baseDir != null && baseDir.getParent() == null) {
      throw new IllegalArgumentException("baseDir must not be the file system root");
    }
    if (maxUnpackedBytes < 1) {
      throw new IllegalArgumentException(
          "maxUnpackedBytes must be at least 1, was " + maxUnpackedBytes);
    }
    if (maxUnpackedEntries < 1) {
      throw new IllegalArgumentException(
          "maxUnpackedEntries must be at least 1, was " + maxUnpackedEntries);
    }
    if (maxListedEntries < 0) {
      throw new IllegalArgumentException(
          "maxListedEntries must be zero or more, was " + maxListedEntries);
    }
  }

  /**
   * No base directory (FILE_SYSTEM jobs refused), ADMIN-only, 1 GiB and 10,000 entries unpacked.
   */
  public static FileSystemSettings defaults() {
    return new FileSystemSettings(
        null,
        true,
        DEFAULT_MAX_UNPACKED_BYTES,
        DEFAULT_MAX_UNPACKED_ENTRIES,
        DEFAULT_MAX_LISTED_ENTRIES);
  }

  /** These settings with the given base directory (it must exist when a job runs). */
  public FileSystemSettings withBaseDir(@Nullable Path dir) {
    return new FileSystemSettings(
        dir, adminOnly, maxUnpackedBytes, maxUnpackedEntries, maxListedEntries);
  }

  /** These settings opening FILE_SYSTEM jobs to USERs ({@code false}) or not. */
  public FileSystemSettings withAdminOnly(boolean only) {
    return new FileSystemSettings(
        baseDir, only, maxUnpackedBytes, maxUnpackedEntries, maxListedEntries);
  }

  /** These settings with other zip-bomb limits. */
  public FileSystemSettings withUnpackLimits(long bytes, int entries) {
    return new FileSystemSettings(baseDir, adminOnly, bytes, entries, maxListedEntries);
  }

  /** These settings logging at most this many entries per LIST or clean-up. */
  public FileSystemSettings withMaxListedEntries(int entries) {
    return new FileSystemSettings(
        baseDir, adminOnly, maxUnpackedBytes, maxUnpackedEntries, entries);
  }
}
