package io.chronos.executor.filesystem;

import io.chronos.spi.NonRetryableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Keeps every path of a FILE_SYSTEM job inside its base directory. Lexically: no {@code ..}
 * segment, and an absolute path must lie under the base. On disk: every existing component of the
 * path (for a path that does not exist yet, every existing ancestor) must have its real path, with
 * symbolic links resolved, inside the real base; a dangling link is refused. Operations then never
 * follow links inside directory trees.
 */
final class PathPolicy {
  static final int MAX_PATH_LENGTH = 1024;

  private final Path configured;
  private final Path real;

  private PathPolicy(Path configured, Path real) {
    this.configured = configured;
    this.real = real;
  }

  /**
   * The policy of one job: the node's base, narrowed to the job's own base directory if it has one.
   * Both must exist; the job's base must resolve inside the node's.
   */
  static PathPolicy forJob(Path nodeBase, @Nullable String jobBase) throws NonRetryableException {
    Path realBase;
    try {
      realBase = nodeBase.toRealPath();
    } catch (IOException e) {
      throw new NonRetryableException(
          "the FILE_SYSTEM base directory " + nodeBase + " does not exist on this node");
    }
    if (!Files.isDirectory(realBase)) {
      throw new NonRetryableException(
          "the FILE_SYSTEM base directory " + nodeBase + " is not a directory");
    }
    PathPolicy node = new PathPolicy(nodeBase, realBase);
    if (jobBase == null || jobBase.isEmpty()) {
      return node;
    }
    Path dir = node.resolve(jobBase, "baseDir");
    if (!Files.isDirectory(dir)) {
      throw new NonRetryableException("baseDir '" + jobBase + "' is not an existing directory");
    }
    try {
      return new PathPolicy(dir, dir.toRealPath());
    } catch (IOException e) {
      throw new NonRetryableException("baseDir '" + jobBase + "' cannot be resolved: " + e);
    }
  }

  /** The base directory, with links resolved. */
  Path base() {
    return real;
  }

  /**
   * Why a path is refused before anything is looked up on disk, if it is: blank, too long, a NUL, a
   * {@code ..} segment, or absolute outside {@code base}.
   */
  static Optional<String> lexicalProblem(@Nullable String path, Path base) {
    if (path == null || path.isBlank()) {
      return Optional.of("is required");
    }
    if (path.length() > MAX_PATH_LENGTH) {
      return Optional.of("must be at most " + MAX_PATH_LENGTH + " characters");
    }
    Path p;
    try {
      p = Path.of(path);
    } catch (InvalidPathException e) {
      return Optional.of("'" + path + "' is not a valid path");
    }
    for (Path name : p) {
      if (name.toString().equals("..")) {
        return Optional.of("'" + path + "' must not contain '..'");
      }
    }
    if (p.isAbsolute() && !p.normalize().startsWith(base)) {
      return Optional.of("'" + path + "' is outside the base directory " + base);
    }
    return Optional.empty();
  }

  /** The path inside the base, checked lexically and on disk. */
  Path resolve(String path, String field) throws NonRetryableException {
    Optional<String> lexical = lexicalProblem(path, configured);
    Path p = Path.of(path == null ? "" : path).normalize();
    if (lexical.isPresent() && p.isAbsolute() && p.startsWith(real)) {
      lexical = Optional.empty(); // absolute under the base's real path
    }
    if (lexical.isPresent()) {
      throw new NonRetryableException("refused " + field + ": " + lexical.get());
    }
    Path relative;
    if (!p.isAbsolute()) {
      relative = p;
    } else if (p.startsWith(real)) {
      relative = real.relativize(p);
    } else {
      relative = configured.relativize(p);
    }
    Path current = real;
    for (Path name : relative) {
      if (name.toString().isEmpty()) {
        continue;
      }
      current = current.resolve(name);
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        break; // nothing below a missing component exists either
      }
      Path resolved;
      try {
        resolved = current.toRealPath();
      } catch (NoSuchFileException e) {
        throw new NonRetryableException(
            "refused " + field + ": '" + path + "' goes through a dangling symbolic link");
      } catch (IOException e) {
        throw new NonRetryableException(
            "refused " + field + ": cannot resolve '" + path + "': " + e.getMessage());
      }
      if (!resolved.startsWith(real)) {
        throw new NonRetryableException(
            "refused "
                + field
                + ": '"
                + path
                + "' leads outside the base directory through a symbolic link");
      }
    }
    return real.resolve(relative).normalize();
  }

  /** True for the base directory itself. */
  boolean isBase(Path path) {
    return path.normalize().equals(real);
  }
}
