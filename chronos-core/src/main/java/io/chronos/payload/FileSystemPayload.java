package io.chronos.payload;

import io.chronos.job.JobType;
import javax.annotation.Nullable;

/**
 * The FILE_SYSTEM executor's payload: one file operation inside the node's base directory. Paths
 * are relative to the base (or absolute inside it); {@code ..}, paths outside the base and symbolic
 * links leading out of it are refused. Built fluently:
 *
 * <pre>{@code
 * FileSystemPayload.copy("in/a.txt", "out/a.txt")
 * FileSystemPayload.deleteOlderThan("logs", "*.log", 30)
 * FileSystemPayload.unzip("incoming/batch.zip", "work/batch").inBaseDir("tenant-a")
 * }</pre>
 *
 * @param operation what to do
 * @param path the file or directory operated on
 * @param target the destination (COPY, MOVE, ZIP, UNZIP; optional for GZIP and GUNZIP)
 * @param glob a file name pattern (DELETE_OLDER_THAN; optional for LIST), matched against the path
 *     relative to {@code path}: {@code *.log} at the top level, {@code **.log} at any depth
 * @param olderThanDays DELETE_OLDER_THAN: files last modified longer ago than this are deleted
 * @param baseDir a directory inside the node's base directory that confines this job further; null
 *     for the node's base itself
 */
public record FileSystemPayload(
    Operation operation,
    String path,
    @Nullable String target,
    @Nullable String glob,
    @Nullable Integer olderThanDays,
    @Nullable String baseDir)
    implements JobPayload {

  /** A FILE_SYSTEM operation. */
  public enum Operation {
    /** Copies a file or a directory tree to {@code target}, replacing an existing file. */
    COPY,
    /** Moves (renames) a file or directory to {@code target}, replacing an existing file. */
    MOVE,
    /** Deletes a file or a directory tree; a missing path is not an error. */
    DELETE,
    /** Creates a directory and its missing parents. */
    MKDIR,
    /** Writes the entries of a directory (optionally matching {@code glob}) into the run log. */
    LIST,
    /** Packs a file or directory tree into the zip file {@code target}. */
    ZIP,
    /** Unpacks the zip file into the directory {@code target}, which must not exist or be empty. */
    UNZIP,
    /** Compresses a file into {@code target} (default {@code path + ".gz"}); keeps the source. */
    GZIP,
    /** Decompresses a .gz file into {@code target} (default: without ".gz"); keeps the source. */
    GUNZIP,
    /** Deletes the files under {@code path} matching {@code glob} older than N days. */
    DELETE_OLDER_THAN
  }

  @Override
  public JobType type() {
    return JobType.FILE_SYSTEM;
  }

  private static FileSystemPayload of(
      Operation operation, String path, @Nullable String target, @Nullable String glob) {
    return new FileSystemPayload(operation, path, target, glob, null, null);
  }

  /** Copies a file or directory tree. */
  public static FileSystemPayload copy(String path, String target) {
    return of(Operation.COPY, path, target, null);
  }

  /** Moves a file or directory. */
  public static FileSystemPayload move(String path, String target) {
    return of(Operation.MOVE, path, target, null);
  }

  /** Deletes a file or directory tree. */
  public static FileSystemPayload delete(String path) {
    return of(Operation.DELETE, path, null, null);
  }

  /** Creates a directory with its parents. */
  public static FileSystemPayload mkdir(String path) {
    return of(Operation.MKDIR, path, null, null);
  }

  /** Lists a directory into the run log. */
  public static FileSystemPayload list(String path) {
    return of(Operation.LIST, path, null, null);
  }

  /** Lists the entries of a directory matching a glob into the run log. */
  public static FileSystemPayload list(String path, String glob) {
    return of(Operation.LIST, path, null, glob);
  }

  /** Packs a file or directory tree into a zip file. */
  public static FileSystemPayload zip(String path, String zipFile) {
    return of(Operation.ZIP, path, zipFile, null);
  }

  /** Unpacks a zip file into a directory that does not exist yet or is empty. */
  public static FileSystemPayload unzip(String zipFile, String targetDir) {
    return of(Operation.UNZIP, zipFile, targetDir, null);
  }

  /** Compresses a file into {@code path.gz}. */
  public static FileSystemPayload gzip(String path) {
    return of(Operation.GZIP, path, null, null);
  }

  /** Compresses a file into the given .gz file. */
  public static FileSystemPayload gzip(String path, String target) {
    return of(Operation.GZIP, path, target, null);
  }

  /** Decompresses a .gz file next to it, without the ".gz". */
  public static FileSystemPayload gunzip(String path) {
    return of(Operation.GUNZIP, path, null, null);
  }

  /** Decompresses a .gz file into the given file. */
  public static FileSystemPayload gunzip(String path, String target) {
    return of(Operation.GUNZIP, path, target, null);
  }

  /** Deletes the files under {@code dir} matching {@code glob} last modified over N days ago. */
  public static FileSystemPayload deleteOlderThan(String dir, String glob, int days) {
    return new FileSystemPayload(Operation.DELETE_OLDER_THAN, dir, null, glob, days, null);
  }

  /** The same operation confined to a directory inside the node's base directory. */
  public FileSystemPayload inBaseDir(@Nullable String dir) {
    return new FileSystemPayload(operation, path, target, glob, olderThanDays, dir);
  }
}
