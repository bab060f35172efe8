package io.chronos.executor.filesystem;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.payload.FileSystemPayload;
import io.chronos.payload.FileSystemPayload.Operation;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import io.chronos.spi.NonRetryableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Runs FILE_SYSTEM jobs: copy, move, delete, mkdir, list, zip, unzip, gzip, gunzip and the clean-up
 * of files older than N days, every path confined to the node's base directory (and the job's own
 * base inside it). Without a configured base every FILE_SYSTEM job is refused. An escape attempt or
 * a bad input fails the run without retry; a missing source fails it for a retry (the file may
 * still arrive); an I/O error is retried.
 */
public final class FileSystemExecutor implements JobExecutor<FileSystemPayload> {
  private static final Set<Operation> NEEDS_SOURCE =
      EnumSet.complementOf(EnumSet.of(Operation.DELETE, Operation.MKDIR));

  private final FileSystemSettings settings;

  /** An executor with {@link FileSystemSettings#defaults()}: no base, every job refused. */
  public FileSystemExecutor() {
    this(FileSystemSettings.defaults());
  }

  public FileSystemExecutor(FileSystemSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings this executor applies. */
  public FileSystemSettings settings() {
    return settings;
  }

  @Override
  public JobType type() {
    return JobType.FILE_SYSTEM;
  }

  @Override
  public Class<FileSystemPayload> payloadType() {
    return FileSystemPayload.class;
  }

  @Override
  public boolean adminOnly() {
    return settings.adminOnly();
  }

  @Override
  public List<FieldError> validate(FileSystemPayload payload) {
    return FileSystemValidator.validate(payload, settings);
  }

  @Override
  public ExecutionResult execute(FileSystemPayload payload, ExecutionContext context)
      throws IOException, InterruptedException, NonRetryableException {
    List<FieldError> problems = validate(payload);
    if (!problems.isEmpty()) {
      throw new NonRetryableException("FILE_SYSTEM payload refused on this node: " + problems);
    }
    PathPolicy policy = PathPolicy.forJob(settings.baseDir(), payload.baseDir());
    Path path = policy.resolve(payload.path(), "path");
    String targetName = targetName(payload);
    Path target = targetName == null ? null : policy.resolve(targetName, "target");
    Operation op = payload.operation();
    if (NEEDS_SOURCE.contains(op) && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return ExecutionResult.failure("path '" + payload.path() + "' does not exist");
    }
    if (policy.isBase(path) && (op == Operation.DELETE || op == Operation.MOVE)) {
      throw new NonRetryableException("path must not be the base directory itself for " + op);
    }
    context
        .log()
        .info(
            op.name().toLowerCase(Locale.ROOT) + " " + payload.path(),
            targetName == null ? Map.of() : Map.of("target", targetName));
    FileOperations files = new FileOperations(context, settings.maxListedEntries());
    ZipOperations zips =
        new ZipOperations(context, settings.maxUnpackedBytes(), settings.maxUnpackedEntries());
    GzipOperations gzips = new GzipOperations(context, settings.maxUnpackedBytes());
    try {
      String summary =
          switch (op) {
            case COPY -> files.copy(path, target);
            case MOVE -> files.move(path, target);
            case DELETE -> files.delete(path);
            case MKDIR -> files.mkdir(path);
            case LIST -> files.list(path, payload.glob());
            case ZIP -> zips.zip(path, target);
            case UNZIP -> zips.unzip(path, target);
            case GZIP -> gzips.gzip(path, target);
            case GUNZIP -> gzips.gunzip(path, target);
            case DELETE_OLDER_THAN ->
                files.deleteOlderThan(path, payload.glob(), payload.olderThanDays());
          };
      return ExecutionResult.success(summary);
    } catch (FileOperations.StoppedException e) {
      throw new InterruptedException("FILE_SYSTEM operation stopped");
    }
  }

  /** The target as given, or the default of GZIP ({@code path.gz}) and GUNZIP (without .gz). */
  @Nullable
  private static String targetName(FileSystemPayload payload) {
    if (payload.target() != null) {
      return payload.target();
    }
    if (payload.operation() == Operation.GZIP) {
      return payload.path() + ".gz";
    }
    if (payload.operation() == Operation.GUNZIP) {
      return payload.path().substring(0, payload.path().length() - ".gz".length());
    }
    return null;
  }
}
