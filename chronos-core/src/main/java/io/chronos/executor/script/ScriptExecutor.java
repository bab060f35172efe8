package io.chronos.executor.script;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.payload.ScriptPayload;
import io.chronos.retry.FailureCategory;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import io.chronos.spi.NonRetryableException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SCRIPT jobs: writes the script to a private temporary file (owner-only), runs it with the
 * language's interpreter and an argument list, gives it only the allowed part of the node's
 * environment plus the payload's variables, streams its output into the run log, and kills its
 * whole process tree when the run is stopped or reaches its deadline. Exit code 0 succeeds, a code
 * listed as retryable fails for a retry, any other fails for good. ADMIN-only.
 */
public final class ScriptExecutor implements JobExecutor<ScriptPayload> {
  private static final Logger log = LoggerFactory.getLogger(ScriptExecutor.class);
  private static final int MAX_ERROR_LINE = 500;

  private final ScriptSettings settings;
  private final ProcessRunner runner;

  /** An executor with {@link ScriptSettings#defaults()}, as found through ServiceLoader. */
  public ScriptExecutor() {
    this(ScriptSettings.defaults());
  }

  public ScriptExecutor(ScriptSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.runner = new ProcessRunner(settings);
  }

  /** The settings this executor applies. */
  public ScriptSettings settings() {
    return settings;
  }

  @Override
  public JobType type() {
    return JobType.SCRIPT;
  }

  @Override
  public Class<ScriptPayload> payloadType() {
    return ScriptPayload.class;
  }

  /** Scripts run arbitrary code on the node: only ADMINs may create or change them. */
  @Override
  public boolean adminOnly() {
    return true;
  }

  @Override
  public List<FieldError> validate(ScriptPayload payload) {
    return ScriptValidator.validate(payload, settings);
  }

  @Override
  public ExecutionResult execute(ScriptPayload payload, ExecutionContext context)
      throws IOException, InterruptedException, NonRetryableException {
    // The node's settings may have changed since the job was saved.
    List<FieldError> problems = validate(payload);
    if (!problems.isEmpty()) {
      throw new NonRetryableException("SCRIPT payload refused on this node: " + problems);
    }
    String interpreter = interpreter(payload.language());
    Path dir = privateDirectory();
    try {
      Path script = dir.resolve("script");
      Files.createFile(
          script,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(script, payload.content(), StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>();
      command.add(interpreter);
      command.add(script.toString());
      command.addAll(payload.args());
      Path workingDir = payload.workingDir() == null ? dir : Path.of(payload.workingDir());
      context
          .log()
          .info(
              "running " + payload.language() + " script",
              Map.of("interpreter", interpreter, "args", payload.args().size()));
      ProcessRunner.Result result =
          runner.run(command, workingDir, environment(payload, context), context);
      return outcome(result, payload);
    } finally {
      deleteTree(dir);
    }
  }

  private ExecutionResult outcome(ProcessRunner.Result result, ScriptPayload payload) {
    int code = result.exitCode();
    if (code == 0) {
      return ExecutionResult.success("exit code 0");
    }
    String message = "script exited with code " + code;
    String last = result.lastErrorLine();
    if (last != null) {
      message +=
          ": " + (last.length() > MAX_ERROR_LINE ? last.substring(0, MAX_ERROR_LINE) + "…" : last);
    }
    return payload.retryableExitCodes().contains(code)
        ? ExecutionResult.failure(message, FailureCategory.EXIT_CODE)
        : ExecutionResult.nonRetryable(message, FailureCategory.EXIT_CODE);
  }

  /** The allowed host variables, then the payload's, then its secrets (resolved now). */
  private Map<String, String> environment(ScriptPayload payload, ExecutionContext context) {
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> host = System.getenv();
    for (String name : settings.envAllowList()) {
      String value = host.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(payload.env());
    payload.secretEnv().forEach((name, secret) -> env.put(name, context.secret(secret)));
    return env;
  }

  /** The interpreter's path: as configured if absolute, else found on the node's PATH. */
  private String interpreter(String language) throws NonRetryableException {
    String configured = settings.interpreters().get(language.toLowerCase(Locale.ROOT));
    if (configured.contains("/")) {
      if (!Files.isExecutable(Path.of(configured))) {
        throw new NonRetryableException(
            "interpreter " + configured + " for " + language + " is not executable on this node");
      }
      return configured;
    }
    String path = System.getenv("PATH");
    for (String entry : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        Path candidate = Path.of(entry, configured);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    throw new NonRetryableException(
        "interpreter '" + configured + "' for " + language + " is not on this node's PATH");
  }

  private Path privateDirectory() throws IOException {
    Path parent =
        settings.tempDir() != null
            ? settings.tempDir()
            : Path.of(System.getProperty("java.io.tmpdir"));
    return Files.createTempDirectory(
        parent,
        "chronos-script-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      log.warn("Could not delete the script directory {}: {}", dir, e.toString());
    }
  }
}
