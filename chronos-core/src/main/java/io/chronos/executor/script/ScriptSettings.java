package io.chronos.executor.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * What the SCRIPT executor of a node allows. Start from {@link #defaults()} and change what you
 * need; every value is checked when the settings are made.
 *
 * @param interpreters language name (lower case) to interpreter: an absolute path, or a command
 *     name looked up on the node's {@code PATH} when a run starts
 * @param envAllowList the variables of the node's own environment a script inherits; every other
 *     one is withheld
 * @param workingDirBase when set, a payload's working directory must lie inside it (symbolic links
 *     resolved)
 * @param tempDir where the private script directories are created; null for {@code java.io.tmpdir}
 * @param maxOutputLines output lines (stdout and stderr together) written into the run log
 * @param maxOutputBytes output bytes written into the run log
 * @param maxLineLength characters kept of one output line; the rest is cut
 * @param killGrace how long a stopped script and its children get between SIGTERM and SIGKILL
 * @param maxScriptLength the longest script text accepted, in characters
 */
public record ScriptSettings(
    Map<String, String> interpreters,
    Set<String> envAllowList,
    @Nullable Path workingDirBase,
    @Nullable Path tempDir,
    int maxOutputLines,
    long maxOutputBytes,
    int maxLineLength,
    Duration killGrace,
    int maxScriptLength) {

  /** shell: {@code /bin/sh}; bash and python3: looked up on the node's PATH. */
  public static final Map<String, String> DEFAULT_INTERPRETERS =
      Map.of("shell", "/bin/sh", "bash", "bash", "python3", "python3");

  /** Variables a script inherits from the node by default: nothing that could hold a secret. */
  public static final Set<String> DEFAULT_ENV_ALLOW_LIST =
      Set.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR");

  /** Output lines of one run kept in the run log. */
  public static final int DEFAULT_MAX_OUTPUT_LINES = 1000;

  /** Output bytes of one run kept in the run log. */
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;

  /** Characters kept of one output line. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 4000;

  /** Time between SIGTERM and SIGKILL when a script is stopped. */
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);

  /** The longest script text accepted. */
  public static final int DEFAULT_MAX_SCRIPT_LENGTH = 1_000_000;

  public ScriptSettings {
    Objects.requireNonNull(interpreters, "interpreters");
    Map<String, String> byName = new LinkedHashMap<>();
    interpreters.forEach(
        (language, interpreter) -> {
          if (language == null || !language.matches("[A-Za-z][A-Za-z0-9_.+-]{0,31}")) {
            throw new IllegalArgumentException(
                "interpreter language must be 1 to 32 letters, digits or _.+-, was " + language);
          }
          if (interpreter == null
              || interpreter.isBlank()
              || interpreter.indexOf('\0') >= 0
              || (interpreter.contains("/") && !interpreter.startsWith("/"))) {
            throw new IllegalArgumentException(
                "interpreter of "
                    + language
                    + " must be an absolute path or a command name, was "
                    + interpreter);
          }
          byName.put(language.toLowerCase(Locale.ROOT), interpreter);
        });
    interpreters = Collections.unmodifiableMap(byName);
    envAllowList = Collections.unmodifiableSet(new TreeSet<>(envAllowList));
    workingDirBase = workingDirBase == null ? null : workingDirBase.toAbsolutePath().normalize();
    tempDir = tempDir == null ? null : tempDir.toAbsolutePath().normalize();
    positive("maxOutputLines", maxOutputLines);
    positive("maxOutputBytes", maxOutputBytes);
    positive("maxLineLength", maxLineLength);
    if (maxLineLength > 1_000_000) {
      throw new IllegalArgumentException("maxLineLength must be at most 1000000");
    }
    positive("maxScriptLength", maxScriptLength);
    if (killGrace == null
        || killGrace.isNegative()
        || killGrace.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("killGrace must be 0 to 5 minutes, was " + killGrace);
    }
  }

  /** Safe defaults: shell, bash and python3; a minimal environment; any working directory. */
  public static ScriptSettings defaults() {
    return new ScriptSettings(
        DEFAULT_INTERPRETERS,
        DEFAULT_ENV_ALLOW_LIST,
        null,
        null,
        DEFAULT_MAX_OUTPUT_LINES,
        DEFAULT_MAX_OUTPUT_BYTES,
        DEFAULT_MAX_LINE_LENGTH,
        DEFAULT_KILL_GRACE,
        DEFAULT_MAX_SCRIPT_LENGTH);
  }

  /** These settings with one more language, or another interpreter for a language. */
  public ScriptSettings withInterpreter(String language, String interpreter) {
    Map<String, String> more = new LinkedHashMap<>(interpreters);
    more.put(Objects.requireNonNull(language, "language").toLowerCase(Locale.ROOT), interpreter);
    return new ScriptSettings(
        more,
        envAllowList,
        workingDirBase,
        tempDir,
        maxOutputLines,
        maxOutputBytes,
        maxLineLength,
        killGrace,
        maxScriptLength);
  }

  /** These settings with exactly these languages. */
  public ScriptSettings withInterpreters(Map<String, String> interpreters) {
    return new ScriptSettings(
        interpreters,
        envAllowList,
        workingDirBase,
        tempDir,
        maxOutputLines,
        maxOutputBytes,
        maxLineLength,
        killGrace,
        maxScriptLength);
  }

  /** These settings where scripts inherit exactly these variables of the node's environment. */
  public ScriptSettings withEnvAllowList(String... names) {
    return new ScriptSettings(
        interpreters,
        Set.copyOf(List.of(names)),
        workingDirBase,
        tempDir,
        maxOutputLines,
        maxOutputBytes,
        maxLineLength,
        killGrace,
        maxScriptLength);
  }

  /** These settings where a working directory must lie inside {@code base}. */
  public ScriptSettings withWorkingDirBase(@Nullable Path base) {
    return new ScriptSettings(
        interpreters,
        envAllowList,
        base,
        tempDir,
        maxOutputLines,
        maxOutputBytes,
        maxLineLength,
        killGrace,
        maxScriptLength);
  }

  /** These settings creating the private script directories under {@code dir}. */
  public ScriptSettings withTempDir(@Nullable Path dir) {
    return new ScriptSettings(
        interpreters,
        envAllowList,
        workingDirBase,
        dir,
        maxOutputLines,
        maxOutputBytes,
        maxLineLength,
        killGrace,
        maxScriptLength);
  }

  /** These settings with other output caps. */
  public ScriptSettings withOutputLimits(int lines, long bytes, int lineLength) {
    return new ScriptSettings(
        interpreters,
        envAllowList,
        workingDirBase,
        tempDir,
        lines,
        bytes,
        lineLength,
        killGrace,
        maxScriptLength);
  }

  /** These settings with another grace period between SIGTERM and SIGKILL. */
  public ScriptSettings withKillGrace(Duration grace) {
    return new ScriptSettings(
        interpreters,
        envAllowList,
        workingDirBase,
        tempDir,
        maxOutputLines,
        maxOutputBytes,
        maxLineLength,
        grace,
        maxScriptLength);
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }
}
