package io.chronos.executor.filesystem;

import io.chronos.FieldError;
import io.chronos.payload.FileSystemPayload;
import io.chronos.payload.FileSystemPayload.Operation;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Checks a FILE_SYSTEM payload before it is saved and before it runs, and reports every problem by
 * field. Only what can be told without the disk: the disk is checked when the job runs.
 */
final class FileSystemValidator {
  static final int MAX_GLOB = 255;
  static final int MAX_DAYS = 36_500;

  private static final Set<Operation> NEEDS_TARGET =
      EnumSet.of(Operation.COPY, Operation.MOVE, Operation.ZIP, Operation.UNZIP);
  private static final Set<Operation> MAY_HAVE_TARGET =
      EnumSet.of(
          Operation.COPY,
          Operation.MOVE,
          Operation.ZIP,
          Operation.UNZIP,
          Operation.GZIP,
          Operation.GUNZIP);
  private static final Set<Operation> NOT_ON_BASE = EnumSet.of(Operation.DELETE, Operation.MOVE);

  private FileSystemValidator() {}

  static List<FieldError> validate(FileSystemPayload payload, FileSystemSettings settings) {
    List<FieldError> errors = new ArrayList<>();
    if (settings.baseDir() == null) {
      errors.add(
          new FieldError(
              "baseDir",
              "FILE_SYSTEM jobs are disabled on this node: no base directory is configured"
                  + " (FileSystemSettings.baseDir)"));
      return errors;
    }
    Path nodeBase = settings.baseDir();
    Path base = nodeBase;
    if (payload.baseDir() != null) {
      Optional<String> problem = PathPolicy.lexicalProblem(payload.baseDir(), nodeBase);
      problem.ifPresent(p -> errors.add(new FieldError("baseDir", p)));
      if (problem.isEmpty()) {
        base = nodeBase.resolve(payload.baseDir()).normalize();
      }
    }
    Operation op = payload.operation();
    if (op == null) {
      errors.add(new FieldError("operation", "is required"));
    }
    Path path = checkPath("path", payload.path(), base, errors);
    if (path != null && op != null && NOT_ON_BASE.contains(op) && path.equals(base)) {
      errors.add(new FieldError("path", "must not be the base directory itself for " + op));
    }
    if (payload.target() != null) {
      if (op != null && !MAY_HAVE_TARGET.contains(op)) {
        errors.add(new FieldError("target", "is not used by " + op));
      } else {
        Path target = checkPath("target", payload.target(), base, errors);
        if (target != null && target.equals(path)) {
          errors.add(new FieldError("target", "must differ from path"));
        }
      }
    } else if (op != null && NEEDS_TARGET.contains(op)) {
      errors.add(new FieldError("target", "is required for " + op));
    } else if (op == Operation.GUNZIP
        && payload.path() != null
        && !payload.path().endsWith(".gz")) {
      errors.add(new FieldError("target", "is required when path does not end with .gz"));
    }
    checkGlob(payload, op, errors);
    checkDays(payload, op, errors);
    return errors;
  }

  /** The path resolved against the base when it passes the lexical checks, else null. */
  @Nullable
  private static Path checkPath(
      String field, @Nullable String path, Path base, List<FieldError> errors) {
    Optional<String> problem = PathPolicy.lexicalProblem(path, base);
    if (problem.isPresent()) {
      errors.add(new FieldError(field, problem.get()));
      return null;
    }
    return base.resolve(path).normalize();
  }

  private static void checkGlob(FileSystemPayload payload, Operation op, List<FieldError> errors) {
    String glob = payload.glob();
    if (glob == null) {
      if (op == Operation.DELETE_OLDER_THAN) {
        errors.add(new FieldError("glob", "is required for " + op + ", e.g. *.log"));
      }
      return;
    }
    if (op != null && op != Operation.LIST && op != Operation.DELETE_OLDER_THAN) {
      errors.add(new FieldError("glob", "is not used by " + op));
    } else if (glob.isBlank() || glob.length() > MAX_GLOB) {
      errors.add(new FieldError("glob", "must be 1 to " + MAX_GLOB + " characters"));
    } else {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("glob", "invalid pattern '" + glob + "': " + e.getMessage()));
      }
    }
  }

  private static void checkDays(FileSystemPayload payload, Operation op, List<FieldError> errors) {
    Integer days = payload.olderThanDays();
    if (op == Operation.DELETE_OLDER_THAN) {
      if (days == null) {
        errors.add(new FieldError("olderThanDays", "is required for " + op));
      } else if (days < 0 || days > MAX_DAYS) {
        errors.add(new FieldError("olderThanDays", "must be 0 to " + MAX_DAYS + ", was " + days));
      }
    } else if (days != null && op != null) {
      errors.add(new FieldError("olderThanDays", "is not used by " + op));
    }
  }
}
