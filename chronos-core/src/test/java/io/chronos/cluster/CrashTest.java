package io.chronos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.PageRequest;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.payload.DummyPayload;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.security.Actor;
import io.chronos.testsupport.SharedSchema;
import io.chronos.testsupport.TestDatabase;
import io.chronos.testsupport.TestNodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A node killed with SIGKILL in the middle of a run: another node marks the run LOST once the lease
 * expires, runs it again as a RECOVERY attempt, and the dead node's late outcome is fenced out.
 */
@Tag("services")
class CrashTest {
  /**
   * Long enough that the child is certainly still inside the run when it is killed (the kill
   * follows the RUNNING row within milliseconds), short enough for the recovery attempt to finish
   * quickly.
   */
  private static final Duration RUN_TIME = Duration.ofSeconds(5);

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Actor system = Actor.system();
  private TestDatabase db;
  private TestNodes nodes;
  private JdbcTemplate jdbc;

  /** The run's row as the store sees it. */
  private record RunRow(String status, String nodeId, String leaseToken) {}

  @BeforeEach
  void openDatabase() {
    db = TestDatabase.open(TestDatabase.Kind.POSTGRESQL);
    nodes = new TestNodes(db);
    jdbc = new JdbcTemplate(db.dataSource());
  }

  @AfterEach
  void closeDatabase() {
    try {
      nodes.close();
    } finally {
      db.close();
    }
  }

  @Test
  void run_of_a_killed_node_is_lost_recovered_on_a_survivor_and_the_dead_node_is_fenced_out()
      throws Exception {
    // Built, never started: it migrates the schema and serves the API, but executes nothing.
    Chronos admin = nodes.node();
    Job job =
        admin
            .jobs()
            .create(
                system,
                JobSpec.dummy("crash-victim").payload(DummyPayload.sleep(RUN_TIME)).build());
    JobRun run = admin.jobs().trigger(system, job.id());

    String deadNode = "crash-node-" + UUID.randomUUID().toString().substring(0, 8);
    RunRow held;
    Process child = startNodeInOwnJvm(deadNode);
    try {
      CountDownLatch ready = drainOutput(child);
      await().atMost(WAIT).until(() -> ready.getCount() == 0 || !child.isAlive());
      assertThat(child.isAlive()).as("child node started").isTrue();
      held =
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(20))
              .until(() -> row(run.id()), r -> r.status().equals("RUNNING"));
      assertThat(held.nodeId()).isEqualTo(deadNode);

      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
    } finally {
      child.destroyForcibly();
    }

    Chronos survivor = nodes.node().start();

    JobRun lost =
        await()
            .atMost(WAIT)
            .until(
                () -> admin.runs().get(system, run.id()).orElseThrow(),
                r -> r.status() == RunStatus.LOST);
    assertThat(lost.nodeId()).isEqualTo(deadNode);
    assertThat(lost.error()).contains(deadNode);

    JobRun recovery =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    runsOf(admin, job).stream()
                        .filter(r -> r.triggerType() == TriggerType.RECOVERY)
                        .findFirst()
                        .orElse(null),
                r -> r != null && r.status() == RunStatus.SUCCEEDED);
    assertThat(recovery.attempt()).isEqualTo(2);
    assertThat(recovery.retryOf()).isEqualTo(run.id());
    assertThat(recovery.scheduledAt()).isEqualTo(run.scheduledAt());
    assertThat(recovery.idempotencyKey()).isEqualTo(run.idempotencyKey());
    assertThat(recovery.nodeId()).isEqualTo(survivor.nodeId());
    assertThat(runsOf(admin, job))
        .extracting(JobRun::id)
        .containsExactlyInAnyOrder(run.id(), recovery.id());

    // The completion the dead node would have written had it lived: the fence refuses it.
    int updated =
        jdbc.update(
            "UPDATE "
                + db.schema()
                + ".job_runs SET status = 'SUCCEEDED' WHERE id = ? AND node_id = ?"
                + " AND lease_token = ? AND status = 'RUNNING'"
                + " AND lease_expires_at >= CURRENT_TIMESTAMP",
            run.id(),
            deadNode,
            held.leaseToken());
    assertThat(updated).isZero();
    assertThat(row(run.id()).status()).isEqualTo("LOST");
  }

  private Process startNodeInOwnJvm(String nodeId) throws IOException {
    String java = System.getProperty("java.home") + "/bin/java";
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            CrashNodeMain.class.getName(),
            SharedSchema.POSTGRESQL_URL,
            db.schema(),
            nodeId)
        .redirectErrorStream(true)
        .start();
  }

  /** Copies the child's output to ours (so it can never block on a full pipe); counts READY. */
  private static CountDownLatch drainOutput(Process child) {
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  System.out.println("[crash-node] " + line);
                  if (line.startsWith(CrashNodeMain.READY)) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // The child was killed: its pipe closes.
              }
            },
            "crash-node-output");
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  private RunRow row(String runId) {
    return jdbc.queryForObject(
        "SELECT status, node_id, lease_token FROM " + db.schema() + ".job_runs WHERE id = ?",
        (rs, i) -> new RunRow(rs.getString(1), rs.getString(2), rs.getString(3)),
        runId);
  }

  private List<JobRun> runsOf(Chronos node, Job job) {
    return node.runs().forJob(system, job.id(), PageRequest.first(100)).items();
  }
}
