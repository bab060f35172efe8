package io.chronos.executor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.PageRequest;
import io.chronos.ValidationException;
import io.chronos.audit.AuditEvent;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.job.JobType;
import io.chronos.payload.HttpPayload;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.secret.Secret;
import io.chronos.security.Actor;
import io.chronos.security.NewUser;
import io.chronos.security.Role;
import io.chronos.security.User;
import io.chronos.testsupport.DatabaseContract;
import io.chronos.testsupport.LoopbackHttpServer;
import io.chronos.testsupport.LoopbackHttpServer.Answer;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP jobs end to end on a Chronos node: stored, audited, run, logged. The executor is the one
 * ServiceLoader finds. Runs on H2 and, in the services profile, on PostgreSQL and MariaDB.
 */
abstract class HttpJobContract extends DatabaseContract {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String VAULT_TOKEN = "vault-token-" + UUID.randomUUID();

  private Chronos chronos;
  private LoopbackHttpServer server;
  private final Actor system = Actor.system();

  @BeforeEach
  void startNode() {
    server = new LoopbackHttpServer();
    chronos = nodes.node(b -> b.secretKey(KEY).secretResolver(HttpJobContract::vault)).start();
  }

  @AfterEach
  void stopNode() {
    server.close();
  }

  private static Optional<String> vault(String name) {
    return name.equals("vault:token") ? Optional.of(VAULT_TOKEN) : Optional.empty();
  }

  private JobRun runOnce(Chronos node, Actor actor, Job job, RunStatus expected) {
    JobRun queued = node.jobs().trigger(actor, job.id());
    return await()
        .atMost(WAIT)
        .until(
            () -> node.runs().get(system, queued.id()).orElseThrow(), r -> r.status() == expected);
  }

  /** Every message and context of the run's log lines, as stored. */
  private String storedLogs(String runId) {
    return String.join(
        "\n",
        jdbc.query(
            "SELECT message, context FROM " + db.schema() + ".job_run_logs WHERE run_id = ?",
            (rs, n) -> rs.getString(1) + " " + rs.getString(2),
            runId));
  }

  private String storedAudit(String jobId) {
    StringBuilder text = new StringBuilder();
    for (AuditEvent e : chronos.audit().forEntity(system, jobId, PageRequest.first()).items()) {
      text.append(e.before()).append(' ').append(e.after()).append('\n');
    }
    return text.toString();
  }

  private Map<String, Object> storedPayload(String jobId) {
    return jdbc.queryForMap(
        "SELECT * FROM " + db.schema() + ".job_payloads WHERE job_id = ?", jobId);
  }

  @Test
  void every_field_round_trips_through_the_store_and_secret_values_are_encrypted() {
    String password = "pw-" + UUID.randomUUID();
    String headerSecret = "hs-" + UUID.randomUUID();
    List<HttpPayload> payloads =
        List.of(
            HttpPayload.post("https://api.example.com/v1/sync?full=1")
                .header("X-Tenant", "acme")
                .header("X-Session-Token", Secret.of(headerSecret))
                .basic("robot", Secret.of(password))
                .jsonBody("{\"full\": true}")
                .connectTimeout(Duration.ofMillis(1500))
                .timeout(Duration.ofSeconds(20))
                .expectStatus("200,202,3xx")
                .expectJsonField("data.status", "DONE")
                .expectBodyContains("DONE")
                .followRedirects(true)
                .idempotencyKeyHeader(false)
                .build(),
            HttpPayload.get("http://example.com/").bearer(Secret.ref("vault:token")).build(),
            HttpPayload.delete("https://example.com/items/1")
                .apiKey("X-Api-Key", Secret.of(password))
                .textBody("bye")
                .build());

    for (HttpPayload payload : payloads) {
      Job job = chronos.jobs().create(system, JobSpec.builder(unique("http"), payload).build());

      assertThat(job.type()).isEqualTo(JobType.HTTP);
      assertThat(chronos.jobs().get(system, job.id()).orElseThrow().payload()).isEqualTo(payload);
      assertThat(storedPayload(job.id()).toString())
          .doesNotContain(password)
          .doesNotContain(headerSecret);
      assertThat(storedAudit(job.id()))
          .doesNotContain(password)
          .doesNotContain(headerSecret)
          .contains("******");
    }
  }

  @Test
  void the_new_columns_hold_the_auth_name_and_the_checked_value() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.builder(
                        unique("cols"),
                        HttpPayload.get("https://example.com/")
                            .basic("robot", Secret.ref("vault:token"))
                            .expectJsonField("a.b", "yes")
                            .build())
                    .build());

    Map<String, Object> row = lowerCaseKeys(storedPayload(job.id()));
    assertThat(row)
        .containsEntry("payload_type", "HTTP")
        .containsEntry("http_auth_type", "BASIC")
        .containsEntry("http_auth_name", "robot")
        .containsEntry("http_auth_secret", "ref:vault:token")
        .containsEntry("http_check_json_field", "a.b")
        .containsEntry("http_check_json_value", "yes");
  }

  private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
    Map<String, Object> lower = new HashMap<>();
    row.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }

  @Test
  void a_run_sends_its_credentials_and_idempotency_key_and_no_secret_is_logged_or_audited() {
    String headerSecret = "hs-" + UUID.randomUUID();
    server.echoHeaders("/echo");
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.builder(
                        unique("echo"),
                        HttpPayload.get(server.url("/echo"))
                            .bearer(Secret.ref("vault:token"))
                            .header("X-Session-Token", Secret.of(headerSecret))
                            .expectBodyContains("authorization")
                            .build())
                    .build());

    JobRun run = runOnce(chronos, system, job, RunStatus.SUCCEEDED);

    LoopbackHttpServer.Request request = server.onlyRequest();
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + VAULT_TOKEN);
    assertThat(request.header("X-Session-Token")).isEqualTo(headerSecret);
    assertThat(request.header("Idempotency-Key")).isEqualTo(run.idempotencyKey());
    assertThat(storedLogs(run.id()))
        .contains("HTTP GET " + server.url("/echo"))
        .contains("******")
        .doesNotContain(VAULT_TOKEN)
        .doesNotContain(headerSecret);
    assertThat(run.resultSummary()).startsWith("HTTP 200 from GET");
    assertThat(storedAudit(job.id())).doesNotContain(VAULT_TOKEN).doesNotContain(headerSecret);
  }

  @Test
  void failures_record_the_status_and_the_retry_after_delay_without_secrets() {
    server.answer("/busy", Answer.of(429, "token " + VAULT_TOKEN).withHeader("Retry-After", "30"));
    server.answer("/gone", Answer.of(404, "no"));
    Job busy =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.builder(
                        unique("busy"),
                        HttpPayload.get(server.url("/busy"))
                            .bearer(Secret.ref("vault:token"))
                            .build())
                    .build());
    Job gone =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.builder(unique("gone"), HttpPayload.get(server.url("/gone")).build())
                    .build());

    JobRun busyRun = runOnce(chronos, system, busy, RunStatus.FAILED);
    JobRun goneRun = runOnce(chronos, system, gone, RunStatus.FAILED);

    assertThat(busyRun.error()).startsWith("HTTP 429").contains("[retryAfterMs=30000]");
    assertThat(storedLogs(busyRun.id()))
        .contains("retryAfterMs")
        .contains("30000")
        .doesNotContain(VAULT_TOKEN);
    assertThat(goneRun.error()).startsWith("HTTP 404 from GET");
  }

  @Test
  void a_user_owned_job_cannot_reach_loopback_unless_it_is_allow_listed() {
    User user =
        chronos
            .users()
            .create(system, new NewUser(unique("u") + "@example.com", "$2a$hash", "U", Role.USER));
    Actor actor = Actor.user(user.id());
    Job job =
        chronos
            .jobs()
            .create(
                actor,
                JobSpec.builder(unique("ssrf"), HttpPayload.get(server.url("/inside")).build())
                    .build());

    JobRun refused = runOnce(chronos, actor, job, RunStatus.FAILED);

    assertThat(refused.error()).contains("SSRF").contains("loopback");
    assertThat(server.requests()).isEmpty();

    chronos.close();
    Chronos allowing =
        nodes
            .node(
                b ->
                    b.secretKey(KEY)
                        .executor(
                            new HttpExecutor(
                                HttpExecutorSettings.builder().allow("127.0.0.1").build())))
            .start();
    runOnce(allowing, actor, job, RunStatus.SUCCEEDED);
    assertThat(server.onlyRequest().path()).isEqualTo("/inside");
  }

  @Test
  void an_invalid_payload_is_refused_on_save_with_every_problem() {
    assertThatThrownBy(
            () ->
                chronos
                    .jobs()
                    .create(
                        system,
                        JobSpec.builder(
                                unique("bad"),
                                HttpPayload.get("ftp://x")
                                    .header("Host", "h")
                                    .textBody("b")
                                    .expectStatus("9xx")
                                    .build())
                            .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactly(
                        "payload.url",
                        "payload.headers[0].name",
                        "payload.body",
                        "payload.expectedStatus"));
  }
}
