package io.chronos.executor.script;

import io.chronos.FieldError;
import io.chronos.payload.ScriptPayload;
import io.chronos.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a SCRIPT payload against the node's settings and reports every problem by field. */
final class ScriptValidator {
  static final int MAX_ARGS = 256;
  static final int MAX_VALUE_LENGTH = 32_768;
  static final int MAX_ENV = 256;
  static final int MAX_RETRYABLE_CODES = 50;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

  /** Variables that make the interpreter or the loader run other code: never set by a payload. */
  static final Set<String> UNSAFE_ENV =
      Set.of(
          "LD_PRELOAD",
          "LD_LIBRARY_PATH",
          "LD_AUDIT",
          "BASH_ENV",
          "ENV",
          "SHELLOPTS",
          "BASHOPTS",
          "PS4",
          "PYTHONSTARTUP",
          "PYTHONINSPECT");

  private ScriptValidator() {}

  static List<FieldError> validate(ScriptPayload payload, ScriptSettings settings) {
    List<FieldError> errors = new ArrayList<>();
    if (payload.language() == null || payload.language().isBlank()) {
      errors.add(new FieldError("language", "is required"));
    } else if (!settings.interpreters().containsKey(payload.language().toLowerCase(Locale.ROOT))) {
      errors.add(
          new FieldError(
              "language",
              "unknown language '"
                  + payload.language()
                  + "': this node allows "
                  + String.join(
                      ", ", settings.interpreters().keySet().stream().sorted().toList())));
    }
    if (payload.content() == null || payload.content().isBlank()) {
      errors.add(new FieldError("content", "is required"));
    } else if (payload.content().length() > settings.maxScriptLength()) {
      errors.add(
          new FieldError(
              "content", "must be at most " + settings.maxScriptLength() + " characters"));
    } else if (payload.content().indexOf('\0') >= 0) {
      errors.add(new FieldError("content", "must not contain NUL characters"));
    }
    checkArgs(payload.args(), errors);
    checkEnv(payload, errors);
    if (payload.workingDir() != null) {
      workingDirProblem(payload.workingDir(), settings)
          .ifPresent(problem -> errors.add(new FieldError("workingDir", problem)));
    }
    checkExitCodes(payload.retryableExitCodes(), errors);
    return errors;
  }

  private static void checkArgs(List<String> args, List<FieldError> errors) {
    if (args.size() > MAX_ARGS) {
      errors.add(new FieldError("args", "at most " + MAX_ARGS + " arguments"));
    }
    for (int i = 0; i < args.size(); i++) {
      String field = "args[" + i + "]";
      valueProblem(args.get(i)).ifPresent(p -> errors.add(new FieldError(field, p)));
    }
  }

  private static void checkEnv(ScriptPayload payload, List<FieldError> errors) {
    if (payload.env().size() + payload.secretEnv().size() > MAX_ENV) {
      errors.add(new FieldError("env", "at most " + MAX_ENV + " variables"));
    }
    for (Map.Entry<String, String> e : payload.env().entrySet()) {
      nameProblem(e.getKey()).ifPresent(p -> errors.add(new FieldError("env", p)));
      valueProblem(e.getValue()).ifPresent(p -> errors.add(new FieldError("env." + e.getKey(), p)));
    }
    for (Map.Entry<String, Secret> e : payload.secretEnv().entrySet()) {
      nameProblem(e.getKey()).ifPresent(p -> errors.add(new FieldError("secretEnv", p)));
      if (e.getValue() == null) {
        errors.add(new FieldError("secretEnv." + e.getKey(), "is required"));
      }
      if (payload.env().containsKey(e.getKey())) {
        errors.add(
            new FieldError(
                "secretEnv." + e.getKey(), "is also set in env: give each variable once"));
      }
    }
  }

  private static Optional<String> nameProblem(String name) {
    if (name == null || !ENV_NAME.matcher(name).matches()) {
      return Optional.of(
          "variable name '"
              + name
              + "' must be letters, digits and underscores, not starting with a digit");
    }
    if (UNSAFE_ENV.contains(name.toUpperCase(Locale.ROOT))) {
      return Optional.of("variable " + name + " may not be set by a job (it can inject code)");
    }
    return Optional.empty();
  }

  private static Optional<String> valueProblem(String value) {
    if (value == null) {
      return Optional.of("must not be null");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      return Optional.of("must be at most " + MAX_VALUE_LENGTH + " characters");
    }
    if (value.indexOf('\0') >= 0) {
      return Optional.of("must not contain NUL characters");
    }
    return Optional.empty();
  }

  private static void checkExitCodes(Set<Integer> codes, List<FieldError> errors) {
    if (codes.size() > MAX_RETRYABLE_CODES) {
      errors.add(
          new FieldError("retryableExitCodes", "at most " + MAX_RETRYABLE_CODES + " exit codes"));
    }
    for (Integer code : codes) {
      if (code == null || code < 1 || code > 255) {
        errors.add(new FieldError("retryableExitCodes", "exit codes are 1 to 255, was " + code));
      }
    }
  }

  /**
   * Why a working directory cannot be used, if it cannot: it must be absolute, exist, be a
   * directory, and lie inside the configured base (symbolic links resolved).
   */
  static Optional<String> workingDirProblem(String dir, ScriptSettings settings) {
    Path path;
    try {
      path = Path.of(dir);
    } catch (InvalidPathException e) {
      return Optional.of("'" + dir + "' is not a valid path");
    }
    if (!path.isAbsolute()) {
      return Optional.of("must be an absolute path, was '" + dir + "'");
    }
    if (!Files.isDirectory(path)) {
      return Optional.of("'" + dir + "' is not an existing directory");
    }
    if (settings.workingDirBase() != null) {
      try {
        Path real = path.toRealPath();
        Path base = settings.workingDirBase().toRealPath();
        if (!real.startsWith(base)) {
          return Optional.of("'" + dir + "' is outside the allowed base " + base);
        }
      } catch (IOException e) {
        return Optional.of("cannot resolve '" + dir + "' or the base directory: " + e);
      }
    }
    return Optional.empty();
  }
}
