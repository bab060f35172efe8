package io.chronos.payload;

import io.chronos.job.JobType;
import io.chronos.secret.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The SCRIPT executor's payload: a script run by an interpreter the node allows (shell, bash,
 * python3, or one the host configures). The script text is written to a private temporary file;
 * arguments and environment values reach it as process arguments and environment variables, never
 * pasted into the script. Built fluently:
 *
 * <pre>{@code
 * ScriptPayload.bash("echo \"$1 from $REGION\"").arg("hello").env("REGION", "eu-1")
 * }</pre>
 *
 * @param language the interpreter's name in the node's settings, e.g. {@code shell}, {@code bash},
 *     {@code python3}
 * @param content the script text
 * @param args the script's arguments ({@code $1}... in a shell script, {@code sys.argv[1:]} in
 *     Python), each passed as one literal value
 * @param env environment variables added for the script
 * @param secretEnv environment variables whose values are secrets: resolved when the run starts,
 *     stored encrypted or as references, masked in logs and audit events
 * @param workingDir the absolute directory the script runs in; null for a private temporary
 *     directory deleted after the run
 * @param retryableExitCodes non-zero exit codes that mean "try again later"; any other non-zero
 *     code fails the run without retry
 */
public record ScriptPayload(
    String language,
    String content,
    List<String> args,
    Map<String, String> env,
    Map<String, Secret> secretEnv,
    @Nullable String workingDir,
    Set<Integer> retryableExitCodes)
    implements JobPayload {

  /** The language name of POSIX shell scripts ({@code /bin/sh}). */
  public static final String SHELL = "shell";

  /** The language name of bash scripts. */
  public static final String BASH = "bash";

  /** The language name of Python 3 scripts. */
  public static final String PYTHON3 = "python3";

  public ScriptPayload {
    // Copies that keep nulls: validation reports them by field instead of failing here.
    args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
    env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    secretEnv =
        secretEnv == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(secretEnv));
    retryableExitCodes =
        retryableExitCodes == null
            ? Set.of()
            : Collections.unmodifiableSet(new LinkedHashSet<>(retryableExitCodes));
  }

  @Override
  public JobType type() {
    return JobType.SCRIPT;
  }

  /** A script in the given language (a name configured on the node). */
  public static ScriptPayload of(String language, String content) {
    return new ScriptPayload(
        language == null ? null : language.toLowerCase(Locale.ROOT),
        content,
        List.of(),
        Map.of(),
        Map.of(),
        null,
        Set.of());
  }

  /** A POSIX shell script, run by {@code /bin/sh}. */
  public static ScriptPayload shell(String content) {
    return of(SHELL, content);
  }

  /** A bash script. */
  public static ScriptPayload bash(String content) {
    return of(BASH, content);
  }

  /** A Python 3 script. */
  public static ScriptPayload python3(String content) {
    return of(PYTHON3, content);
  }

  /** The same script with one more argument, passed as one literal value. */
  public ScriptPayload arg(String value) {
    List<String> more = new ArrayList<>(args);
    more.add(value);
    return new ScriptPayload(
        language, content, more, env, secretEnv, workingDir, retryableExitCodes);
  }

  /** The same script with one more environment variable. */
  public ScriptPayload env(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(env);
    more.put(name, value);
    return new ScriptPayload(
        language, content, args, more, secretEnv, workingDir, retryableExitCodes);
  }

  /** The same script with one more environment variable holding a secret. */
  public ScriptPayload secretEnv(String name, Secret value) {
    Map<String, Secret> more = new LinkedHashMap<>(secretEnv);
    more.put(name, value);
    return new ScriptPayload(language, content, args, env, more, workingDir, retryableExitCodes);
  }

  /** The same script run in the given absolute directory (it must exist). */
  public ScriptPayload workingDir(@Nullable String directory) {
    return new ScriptPayload(
        language, content, args, env, secretEnv, directory, retryableExitCodes);
  }

  /** The same script where these exit codes are retryable failures. */
  public ScriptPayload retryOnExitCodes(int... codes) {
    Set<Integer> more = new LinkedHashSet<>(retryableExitCodes);
    for (int code : codes) {
      more.add(code);
    }
    return new ScriptPayload(language, content, args, env, secretEnv, workingDir, more);
  }
}
