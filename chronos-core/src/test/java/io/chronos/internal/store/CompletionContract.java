package io.chronos.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.Chronos;
import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.internal.store.RunRepository.Closing;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.RunStatus;
import io.chronos.security.Actor;
import io.chronos.testsupport.DatabaseContract;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closing several runs in one call ({@link RunRepository#completeAll}) on every database: each
 * outcome lands on its own run, and the lease fence refuses a run whose token no longer matches
 * while the others of the batch are written (PostgreSQL sends the batch as one statement, the
 * others as a JDBC batch).
 */
abstract class CompletionContract extends DatabaseContract {
  private static final String NODE = "completion-node";

  @Test
  void a_batch_writes_each_outcome_and_the_fence_refuses_only_the_stale_lease() {
    Chronos chronos = nodes.node(b -> b.keepHistoryForever());
    Job job =
        chronos.jobs().create(Actor.system(), JobSpec.dummy(unique("complete")).manual().build());
    List<ClaimedRun> running = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String runId = chronos.jobs().trigger(Actor.system(), job.id()).id();
      String token = "TOKEN" + i + "00000000000000000000";
      jdbc.update(
          "UPDATE "
              + db.schema()
              + ".job_runs SET status = 'RUNNING', node_id = ?, lease_token = ?,"
              + " lease_expires_at = ?, started_at = ? WHERE id = ?",
          NODE,
          token,
          db.dialect().timestamp(Instant.now().plus(1, ChronoUnit.HOURS)),
          db.dialect().timestamp(Instant.now()),
          runId);
      running.add(claimed(runId, job.id(), token));
    }
    Instant finished = Instant.parse("2034-05-06T07:08:09.123Z");
    List<Closing> closings =
        List.of(
            new Closing(
                running.get(0),
                RunStatus.SUCCEEDED,
                null,
                "ok: 3 items",
                finished.minusMillis(12),
                finished,
                12),
            new Closing(
                running.get(1),
                RunStatus.FAILED,
                "boom",
                null,
                finished.minusMillis(33),
                finished.plusMillis(1),
                34),
            // Another node took this run over: its token is not the one stored.
            new Closing(
                claimed(running.get(2).id(), job.id(), "STALE000000000000000000000"),
                RunStatus.SUCCEEDED,
                null,
                "late",
                finished.minusMillis(56),
                finished,
                56),
            new Closing(
                running.get(3),
                RunStatus.TIMED_OUT,
                "timed out",
                null,
                finished.minusMillis(78),
                finished,
                78));

    RunRepository runs =
        new RunRepository(
            new Db(db.dataSource(), null, db.dialect(), tables(), Clock.systemUTC()), null);
    boolean[] closed = runs.completeAll(closings, NODE);

    assertThat(closed).containsExactly(true, true, false, true);
    Map<String, Object> first = row(running.get(0).id());
    assertThat(first.get("status")).isEqualTo("SUCCEEDED");
    assertThat(first.get("result_summary")).isEqualTo("ok: 3 items");
    assertThat(((Number) first.get("duration_ms")).longValue()).isEqualTo(12);
    assertThat(first.get("lease_expires_at")).isNull();
    assertThat(finishedAt(running.get(0).id())).isEqualTo(finished);
    // The worker's start replaces the claim's time.
    assertThat(startedAt(running.get(0).id())).isEqualTo(finished.minusMillis(12));
    Map<String, Object> second = row(running.get(1).id());
    assertThat(second.get("status")).isEqualTo("FAILED");
    assertThat(second.get("error")).isEqualTo("boom");
    assertThat(finishedAt(running.get(1).id())).isEqualTo(finished.plusMillis(1));
    assertThat(startedAt(running.get(1).id())).isEqualTo(finished.minusMillis(33));
    Map<String, Object> stale = row(running.get(2).id());
    assertThat(stale.get("status")).isEqualTo("RUNNING");
    assertThat(stale.get("result_summary")).isNull();
    assertThat(row(running.get(3).id()).get("status")).isEqualTo("TIMED_OUT");
  }

  @Test
  void a_batch_of_runs_another_node_holds_closes_none() {
    Chronos chronos = nodes.node(b -> b.keepHistoryForever());
    Job job =
        chronos.jobs().create(Actor.system(), JobSpec.dummy(unique("foreign")).manual().build());
    List<Closing> closings = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String runId = chronos.jobs().trigger(Actor.system(), job.id()).id();
      // Still QUEUED: never claimed by this node.
      closings.add(
          new Closing(
              claimed(runId, job.id(), "TOKEN" + i + "00000000000000000000"),
              RunStatus.SUCCEEDED,
              null,
              null,
              Instant.now().minusMillis(1),
              Instant.now(),
              1));
    }
    RunRepository runs =
        new RunRepository(
            new Db(db.dataSource(), null, db.dialect(), tables(), Clock.systemUTC()), null);

    assertThat(runs.completeAll(closings, NODE)).containsExactly(false, false);
    assertThat(row(closings.get(0).run().id()).get("status")).isEqualTo("QUEUED");
  }

  private Tables tables() {
    return new Tables(db.schema());
  }

  /** What completeAll reads of a claimed run: its id and lease token (the rest is not used). */
  private static ClaimedRun claimed(String runId, String jobId, String token) {
    return new ClaimedRun(
        runId, jobId, null, null, null, 1, null, null, null, null, token, null, null, null, null);
  }

  private Map<String, Object> row(String runId) {
    return lowerCaseKeys(
        jdbc.queryForMap("SELECT * FROM " + db.schema() + ".job_runs WHERE id = ?", runId));
  }

  private Instant finishedAt(String runId) {
    return instant(runId, "finished_at");
  }

  private Instant startedAt(String runId) {
    return instant(runId, "started_at");
  }

  private Instant instant(String runId, String column) {
    return jdbc.queryForObject(
        "SELECT " + column + " FROM " + db.schema() + ".job_runs WHERE id = ?",
        (rs, i) -> db.dialect().instant(rs, column),
        runId);
  }

  private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
    Map<String, Object> out = new java.util.HashMap<>();
    row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return out;
  }
}
