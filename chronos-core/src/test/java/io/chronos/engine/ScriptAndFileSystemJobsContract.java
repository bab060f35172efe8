package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.PageRequest;
import io.chronos.ValidationException;
import io.chronos.executor.filesystem.FileSystemExecutor;
import io.chronos.executor.filesystem.FileSystemSettings;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.payload.FileSystemPayload;
import io.chronos.payload.ScriptPayload;
import io.chronos.run.JobRun;
import io.chronos.run.LogLevel;
import io.chronos.run.RunLog;
import io.chronos.run.RunStatus;
import io.chronos.secret.Secret;
import io.chronos.security.AccessDeniedException;
import io.chronos.security.Actor;
import io.chronos.security.NewUser;
import io.chronos.security.Role;
import io.chronos.security.User;
import io.chronos.testsupport.DatabaseContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCRIPT and FILE_SYSTEM jobs through the engine and the store: payloads saved and read back on
 * every database, ADMIN-only refusal audited, a timeout reported as TIMED_OUT with no process left.
 */
abstract class ScriptAndFileSystemJobsContract extends DatabaseContract {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Actor system = Actor.system();
  private final String key = newKey();
  @TempDir Path base;

  @BeforeEach
  void newNodes() {}

  private static String newKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private Chronos node() {
    return nodes
        .node(
            b ->
                b.secretKey(key)
                    .executor(
                        new FileSystemExecutor(FileSystemSettings.defaults().withBaseDir(base))))
        .start();
  }

  private User newUser(Chronos chronos, Role role) {
    return chronos
        .users()
        .create(system, new NewUser(unique("u") + "@example.com", "$2a$hash", "Test", role));
  }

  private long count(String table, String where, Object... args) {
    Long n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM " + db.schema() + "." + table + " WHERE " + where,
            Long.class,
            args);
    return n == null ? 0 : n;
  }

  private static JobRun awaitEnd(Chronos chronos, String runId) {
    return await()
        .atMost(WAIT)
        .until(
            () -> chronos.runs().get(Actor.system(), runId).orElseThrow(),
            r -> r.status() != RunStatus.QUEUED && r.status() != RunStatus.RUNNING);
  }

  @Test
  void script_payload_round_trips_with_secret_variables_encrypted_at_rest() {
    Chronos chronos = node();
    String token = "tok-" + UUID.randomUUID();
    ScriptPayload payload =
        ScriptPayload.bash("echo \"$1 $REGION ${#API_TOKEN}\"; echo \"token=$API_TOKEN\"")
            .arg("a b; c")
            .arg("")
            .env("REGION", "eu-1")
            .secretEnv("API_TOKEN", Secret.of(token))
            .secretEnv("FROM_ENV", Secret.ref("env:PATH"))
            .workingDir(base.toString())
            .retryOnExitCodes(111, 75);
    Job job = chronos.jobs().create(system, JobSpec.builder(unique("script"), payload).build());

    assertThat(chronos.jobs().get(system, job.id()).orElseThrow().payload()).isEqualTo(payload);
    String storedEnv =
        jdbc.queryForObject(
            "SELECT script_env FROM " + db.schema() + ".job_payloads WHERE job_id = ?",
            String.class,
            job.id());
    assertThat(storedEnv).doesNotContain(token).contains("enc:v1:").contains("ref:env:PATH");
    assertThat(
            chronos.audit().forEntity(system, job.id(), PageRequest.first()).items().get(0).after())
        .doesNotContain(token);

    JobRun run = awaitEnd(chronos, chronos.jobs().trigger(system, job.id()).id());
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(chronos.runs().logs(system, run.id(), PageRequest.first()).items())
        .extracting(RunLog::message)
        .contains("a b; c eu-1 " + token.length(), "token=******")
        .noneSatisfy(m -> assertThat(m).contains(token));
  }

  @Test
  void users_are_refused_script_jobs_and_the_attempt_is_audited() {
    Chronos chronos = node();
    User user = newUser(chronos, Role.USER);
    JobSpec spec = JobSpec.builder(unique("s"), ScriptPayload.shell("echo hi")).build();
    assertThatThrownBy(() -> chronos.jobs().create(Actor.user(user.id()), spec))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("SCRIPT");
    assertThat(count("audit_events", "actor_id = ? AND action = 'ACCESS_DENIED'", user.id()))
        .isEqualTo(1);
    assertThat(count("jobs", "owner_id = ?", user.id())).isZero();
    assertThat(chronos.jobs().create(Actor.admin(newUser(chronos, Role.ADMIN).id()), spec))
        .isNotNull();
  }

  @Test
  void unknown_language_is_refused_when_saving() {
    Chronos chronos = node();
    assertThatThrownBy(
            () ->
                chronos
                    .jobs()
                    .create(
                        system,
                        JobSpec.builder(unique("rb"), ScriptPayload.of("ruby", "puts 1")).build()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("payload.language")).isTrue());
  }

  @Test
  void a_script_that_times_out_is_timed_out_and_leaves_no_process_behind() {
    Chronos chronos = node();
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.builder(
                        unique("slow"),
                        ScriptPayload.shell(
                            "sleep 300 &\necho \"pid $!\"\necho \"pid $$\"\nsleep 300\n"))
                    .timeout(Duration.ofSeconds(2))
                    .build());
    JobRun run = awaitEnd(chronos, chronos.jobs().trigger(system, job.id()).id());
    assertThat(run.status()).isEqualTo(RunStatus.TIMED_OUT);
    List<Long> pids =
        chronos.runs().logs(system, run.id(), PageRequest.first()).items().stream()
            .map(RunLog::message)
            .filter(m -> m.startsWith("pid "))
            .map(m -> Long.parseLong(m.substring(4)))
            .toList();
    assertThat(pids).hasSize(2);
    assertThat(pids)
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
    assertThat(chronos.runs().logs(system, run.id(), PageRequest.first()).items())
        .anySatisfy(
            l -> {
              assertThat(l.level()).isEqualTo(LogLevel.WARN);
              assertThat(l.message()).contains("processes killed");
            });
  }

  @Test
  void file_system_payload_round_trips_and_runs_inside_the_base() throws Exception {
    Chronos chronos = node();
    Files.createDirectories(base.resolve("tenant/in"));
    Files.writeString(base.resolve("tenant/in/a.txt"), "alpha");
    FileSystemPayload payload = FileSystemPayload.copy("in/a.txt", "out/a.txt").inBaseDir("tenant");
    Job job = chronos.jobs().create(system, JobSpec.builder(unique("fs"), payload).build());
    assertThat(chronos.jobs().get(system, job.id()).orElseThrow().payload()).isEqualTo(payload);
    Job cleanup =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.builder(
                        unique("clean"), FileSystemPayload.deleteOlderThan("logs", "*.log", 30))
                    .build());
    assertThat(chronos.jobs().get(system, cleanup.id()).orElseThrow().payload())
        .isEqualTo(FileSystemPayload.deleteOlderThan("logs", "*.log", 30));

    JobRun run = awaitEnd(chronos, chronos.jobs().trigger(system, job.id()).id());
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(base.resolve("tenant/out/a.txt")).hasContent("alpha");
  }

  @Test
  void file_system_jobs_are_admin_only_unless_opened_to_users() {
    Chronos strict = node();
    User user = newUser(strict, Role.USER);
    JobSpec spec = JobSpec.builder(unique("fs"), FileSystemPayload.mkdir("x")).build();
    assertThatThrownBy(() -> strict.jobs().create(Actor.user(user.id()), spec))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(count("audit_events", "actor_id = ? AND action = 'ACCESS_DENIED'", user.id()))
        .isEqualTo(1);

    Chronos open =
        nodes.node(
            b ->
                b.executor(
                    new FileSystemExecutor(
                        FileSystemSettings.defaults().withBaseDir(base).withAdminOnly(false))));
    assertThat(open.jobs().create(Actor.user(user.id()), spec).ownerId()).isEqualTo(user.id());
  }

  @Test
  void file_system_jobs_are_refused_without_a_base_directory() {
    Chronos bare = nodes.node(b -> b);
    assertThatThrownBy(
            () ->
                bare.jobs()
                    .create(
                        system,
                        JobSpec.builder(unique("fs"), FileSystemPayload.mkdir("x")).build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.hasErrorFor("payload.baseDir")).isTrue();
              assertThat(e.getMessage()).contains("no base directory is configured");
            });
  }
}
