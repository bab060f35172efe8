package io.chronos.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.FieldError;
import io.chronos.payload.ScriptPayload;
import io.chronos.retry.FailureCategory;
import io.chronos.run.LogLevel;
import io.chronos.secret.Secret;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.NonRetryableException;
import io.chronos.testsupport.RecordingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptExecutorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ScriptExecutor executor =
      new ScriptExecutor(ScriptSettings.defaults().withKillGrace(Duration.ofSeconds(2)));
  private final RecordingContext ctx = new RecordingContext();

  private ExecutionResult run(ScriptPayload payload) throws Exception {
    assertThat(executor.validate(payload)).isEmpty();
    return executor.execute(payload, ctx);
  }

  private static boolean running(long pid) {
    // A killed process whose parent is gone may stay a zombie; ProcessHandle.of hides zombies.
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The pids a script printed as lines "pid 1234". */
  private List<Long> printedPids() {
    return ctx.messages(LogLevel.INFO).stream()
        .filter(m -> m.startsWith("pid "))
        .map(m -> Long.parseLong(m.substring(4).trim()))
        .toList();
  }

  @Test
  void exit_code_zero_succeeds_and_stdout_is_logged_as_info() throws Exception {
    ExecutionResult result = run(ScriptPayload.shell("echo hello\necho world"));
    assertThat(result).isEqualTo(ExecutionResult.success("exit code 0"));
    assertThat(ctx.messages(LogLevel.INFO)).contains("hello", "world");
    assertThat(ctx.lines())
        .filteredOn(l -> l.message().equals("hello"))
        .first()
        .satisfies(l -> assertThat(l.context()).containsEntry("stream", "stdout"));
  }

  @Test
  void retryable_exit_code_fails_for_a_retry() throws Exception {
    ExecutionResult result =
        run(ScriptPayload.bash("echo 'db busy' >&2; exit 75").retryOnExitCodes(75, 111));
    assertThat(result)
        .isEqualTo(
            ExecutionResult.failure(
                "script exited with code 75: db busy", FailureCategory.EXIT_CODE));
  }

  @Test
  void other_exit_code_fails_without_retry() throws Exception {
    ExecutionResult result = run(ScriptPayload.shell("exit 3").retryOnExitCodes(75));
    assertThat(result)
        .isEqualTo(
            ExecutionResult.nonRetryable("script exited with code 3", FailureCategory.EXIT_CODE));
  }

  @Test
  void stderr_is_logged_as_warn() throws Exception {
    run(ScriptPayload.shell("echo out; echo 'something odd' >&2"));
    assertThat(ctx.messages(LogLevel.WARN)).contains("something odd");
    assertThat(ctx.messages(LogLevel.INFO)).contains("out").doesNotContain("something odd");
  }

  @Test
  void output_beyond_the_line_cap_is_dropped_and_counted_in_one_line() throws Exception {
    ScriptExecutor capped =
        new ScriptExecutor(ScriptSettings.defaults().withOutputLimits(10, 1_000_000, 100));
    capped.execute(ScriptPayload.bash("for i in $(seq 1 500); do echo line-$i; done"), ctx);
    List<String> lines =
        ctx.messages(LogLevel.INFO).stream().filter(m -> m.startsWith("line-")).toList();
    assertThat(lines).hasSize(10).startsWith("line-1").endsWith("line-10");
    assertThat(ctx.messages(LogLevel.WARN))
        .anySatisfy(m -> assertThat(m).contains("output truncated: 490 more lines"));
  }

  @Test
  void output_beyond_the_byte_cap_is_dropped_and_long_lines_are_cut() throws Exception {
    ScriptExecutor capped =
        new ScriptExecutor(ScriptSettings.defaults().withOutputLimits(1000, 2000, 50));
    capped.execute(
        ScriptPayload.python3(
            "print('x' * 5000)\nfor i in range(100):\n    print('row-%03d' % i + '.' * 20)"),
        ctx);
    List<String> info = ctx.messages(LogLevel.INFO);
    assertThat(info).anySatisfy(m -> assertThat(m).startsWith("x".repeat(50)).contains("line cut"));
    assertThat(info).noneSatisfy(m -> assertThat(m).contains("x".repeat(51)));
    assertThat(info)
        .contains("row-000" + ".".repeat(20))
        .doesNotContain("row-099" + ".".repeat(20));
    assertThat(ctx.messages(LogLevel.WARN))
        .anySatisfy(m -> assertThat(m).startsWith("output truncated:").contains("bytes) dropped"));
  }

  @Test
  void host_variables_outside_the_allow_list_are_withheld() throws Exception {
    Set<String> allowed = Set.of("PATH");
    ScriptExecutor strict = new ScriptExecutor(ScriptSettings.defaults().withEnvAllowList("PATH"));
    Set<String> hostOnly =
        System.getenv().keySet().stream()
            .filter(k -> !allowed.contains(k))
            .filter(k -> k.matches("[A-Za-z_][A-Za-z0-9_]*"))
            .collect(Collectors.toSet());
    assertThat(hostOnly).as("the test JVM has variables of its own").isNotEmpty();

    strict.execute(
        ScriptPayload.shell("env | cut -d= -f1 | sed 's/^/var /'").env("MINE", "1"), ctx);
    Set<String> seen =
        ctx.messages(LogLevel.INFO).stream()
            .filter(m -> m.startsWith("var "))
            .map(m -> m.substring(4))
            .collect(Collectors.toSet());
    assertThat(seen).contains("PATH", "MINE");
    // The shell sets a few of its own (PWD, maybe SHLVL); none comes from the host.
    assertThat(seen)
        .doesNotContainAnyElementsOf(
            hostOnly.stream()
                .filter(k -> !Set.of("PWD", "SHLVL", "_", "OLDPWD").contains(k))
                .toList());
  }

  @Test
  void payload_and_secret_variables_reach_the_script() throws Exception {
    run(
        ScriptPayload.shell("echo \"$REGION/$API_TOKEN\"")
            .env("REGION", "eu-1")
            .secretEnv("API_TOKEN", Secret.of("tok-123")));
    assertThat(ctx.messages(LogLevel.INFO)).contains("eu-1/tok-123");
  }

  @Test
  void shell_metacharacters_in_arguments_and_variables_stay_literal() throws Exception {
    Path canary = Path.of("/tmp", "canary-" + UUID.randomUUID());
    String evil = "; touch " + canary;
    String evil2 = "$(touch " + canary + ")`touch " + canary + "`";
    ExecutionResult result =
        run(
            ScriptPayload.shell(
                    "printf 'arg=%s\\n' \"$1\"; printf 'argc=%s\\n' \"$#\"; printf 'env=%s\\n' \"$PARAM\"")
                .arg(evil)
                .env("PARAM", evil2));
    assertThat(result).isInstanceOf(ExecutionResult.Success.class);
    assertThat(ctx.messages(LogLevel.INFO)).contains("arg=" + evil, "argc=1", "env=" + evil2);
    assertThat(canary).doesNotExist();
  }

  @Test
  void python3_script_runs_with_its_arguments() throws Exception {
    ExecutionResult result =
        run(
            ScriptPayload.python3("import sys\nprint('sum', sum(int(a) for a in sys.argv[1:]))")
                .arg("2")
                .arg("40"));
    assertThat(result).isInstanceOf(ExecutionResult.Success.class);
    assertThat(ctx.messages(LogLevel.INFO)).contains("sum 42");
  }

  @Test
  void the_script_file_is_private_and_deleted_afterwards() throws Exception {
    run(
        ScriptPayload.shell(
            "echo \"file $0\"; stat -c 'mode %a' \"$0\"; stat -c 'dir %a' \"$(dirname \"$0\")\""));
    List<String> info = ctx.messages(LogLevel.INFO);
    assertThat(info).contains("mode 600", "dir 700");
    Path file =
        Path.of(
            info.stream()
                .filter(m -> m.startsWith("file "))
                .findFirst()
                .orElseThrow()
                .substring(5));
    assertThat(file).doesNotExist();
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void runs_in_the_given_working_directory(@TempDir Path dir) throws Exception {
    run(ScriptPayload.shell("pwd; echo made > out.txt").workingDir(dir.toString()));
    assertThat(ctx.messages(LogLevel.INFO)).contains(dir.toRealPath().toString());
    assertThat(dir.resolve("out.txt")).hasContent("made");
  }

  @Test
  void validation_reports_every_problem_by_field(@TempDir Path dir) throws Exception {
    ScriptExecutor based =
        new ScriptExecutor(ScriptSettings.defaults().withWorkingDirBase(dir.resolve("base")));
    Files.createDirectories(dir.resolve("base"));
    ScriptPayload bad =
        new ScriptPayload(
            "ruby",
            " ",
            List.of("ok", "nul\0"),
            Map.of("LD_PRELOAD", "/x.so", "1BAD", "v"),
            Map.of(),
            dir.toString(),
            Set.of(0, 300));
    assertThat(based.validate(bad))
        .extracting(FieldError::field)
        .contains("language", "content", "args[1]", "env", "workingDir", "retryableExitCodes");
    assertThat(based.validate(bad))
        .filteredOn(e -> e.field().equals("language"))
        .first()
        .satisfies(
            e -> assertThat(e.message()).contains("unknown language 'ruby'").contains("python3"));
    assertThat(based.validate(ScriptPayload.shell("true").workingDir("relative/dir")))
        .extracting(FieldError::field)
        .containsExactly("workingDir");
    assertThat(
            based.validate(ScriptPayload.shell("true").workingDir(dir.resolve("base").toString())))
        .isEmpty();
  }

  @Test
  void a_language_the_host_adds_can_be_used() throws Exception {
    ScriptExecutor custom =
        new ScriptExecutor(ScriptSettings.defaults().withInterpreter("Dash", "/bin/sh"));
    ScriptPayload payload = ScriptPayload.of("dash", "echo via-dash");
    assertThat(custom.validate(payload)).isEmpty();
    assertThat(executor.validate(payload))
        .extracting(FieldError::field)
        .containsExactly("language");
    custom.execute(payload, ctx);
    assertThat(ctx.messages(LogLevel.INFO)).contains("via-dash");
  }

  @Test
  void a_payload_refused_by_this_node_fails_without_retry() {
    assertThatThrownBy(() -> executor.execute(ScriptPayload.of("cobol", "x"), ctx))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("language");
  }

  @Test
  void processes_left_running_when_the_script_exits_are_killed() throws Exception {
    ExecutionResult result = run(ScriptPayload.shell("sleep 300 &\necho \"pid $!\"\nexit 0"));
    assertThat(result).isInstanceOf(ExecutionResult.Success.class);
    assertThat(printedPids()).hasSize(1).allSatisfy(pid -> assertThat(running(pid)).isFalse());
    assertThat(ctx.messages(LogLevel.WARN))
        .anySatisfy(m -> assertThat(m).contains("left running were killed"));
  }

  @Test
  void an_interrupt_kills_the_whole_process_tree() throws Exception {
    String script =
        "sleep 300 &\necho \"pid $!\"\n(sleep 300; echo never) &\necho \"pid $!\"\n"
            + "echo \"pid $$\"\nsleep 300\n";
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                executor.execute(ScriptPayload.shell(script), ctx);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    worker.start();
    await().atMost(WAIT).until(() -> printedPids().size() == 3);
    List<Long> pids = printedPids();
    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).isTrue());

    ctx.cancel();
    worker.interrupt();
    worker.join(WAIT.toMillis());

    assertThat(worker.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d", pid).isFalse());
    assertThat(ctx.messages(LogLevel.INFO)).doesNotContain("never");
  }

  @Test
  void the_deadline_kills_the_whole_process_tree() throws Exception {
    ctx.deadline(Instant.now().plusMillis(1500));
    String script = "sleep 300 &\necho \"pid $!\"\necho \"pid $$\"\nsleep 300\n";
    assertThatThrownBy(() -> executor.execute(ScriptPayload.bash(script), ctx))
        .isInstanceOf(InterruptedException.class)
        .hasMessageContaining("deadline");
    List<Long> pids = printedPids();
    assertThat(pids).hasSize(2).allSatisfy(pid -> assertThat(running(pid)).isFalse());
  }
}
