package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.Chronos;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.TriggerType;
import io.chronos.security.Actor;
import io.chronos.testing.SettableClock;
import io.chronos.testsupport.CountingDataSource;
import io.chronos.testsupport.DatabaseContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fire poller's batch on every database, driven by a settable clock and explicit heartbeats:
 * the node is never started, so every fire happens in a heartbeat on the test's thread, and the
 * statements it sends can be counted.
 */
abstract class FireContract extends DatabaseContract {
  private static final String EVERY_10_SECONDS = "*/10 * * * * ?";

  private final Actor system = Actor.system();
  private final List<String> created = new ArrayList<>();
  private SettableClock clock;
  private CountingDataSource counting;
  private Chronos chronos;

  @BeforeEach
  void buildNode() {
    clock = new SettableClock(Instant.parse("2034-01-01T00:00:05Z"));
    counting = new CountingDataSource(db.dataSource());
    // No retention sweep: it would run in some heartbeats and not in others.
    chronos = nodes.node(b -> b.dataSource(counting).clock(clock).keepHistoryForever());
  }

  @AfterEach
  void deleteJobs() {
    // The schema is shared by the class: no job of this test may fire in another.
    created.forEach(id -> chronos.jobs().delete(system, id));
    created.clear();
  }

  private List<Job> everyTenSeconds(int count) {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Job job =
          chronos
              .jobs()
              .create(system, JobSpec.dummy(unique("fire")).cron(EVERY_10_SECONDS, "UTC").build());
      created.add(job.id());
      jobs.add(job);
    }
    return jobs;
  }

  /** The job's planned fire time as stored, read past the API. */
  private Instant plannedFire(String jobId) {
    return jdbc.query(
            "SELECT next_fire_at FROM " + db.schema() + ".job_schedules WHERE job_id = ?",
            (rs, i) -> db.dialect().instant(rs, "next_fire_at"),
            jobId)
        .get(0);
  }

  /** Points the job's plan at a fire time, as a plan left behind by another writer would. */
  private void planFire(String jobId, Instant at) {
    jdbc.update(
        "UPDATE " + db.schema() + ".job_schedules SET next_fire_at = ? WHERE job_id = ?",
        db.dialect().timestamp(at),
        jobId);
  }

  /**
   * Creates jobs that fire every 10 seconds, lets a heartbeat fire their first fire and returns how
   * many statements that heartbeat sent.
   */
  private int statementsOfTheHeartbeatFiring(int jobCount) {
    List<Job> jobs = everyTenSeconds(jobCount);
    Instant due = jobs.get(0).nextFireTime();
    // Nothing is due yet: this heartbeat seals the audit events of the creations.
    chronos.heartbeat();
    clock.set(due.plusSeconds(1));
    counting.reset();
    chronos.heartbeat();
    int statements = counting.executed().size();
    assertThat(jobs)
        .allSatisfy(job -> assertThat(scheduledRuns(chronos, job.id())).containsExactly(due));
    return statements;
  }

  @Test
  void a_heartbeat_fires_forty_jobs_in_as_many_statements_as_one() {
    int forOne = statementsOfTheHeartbeatFiring(1);
    deleteJobs();
    int forForty = statementsOfTheHeartbeatFiring(40);

    assertThat(forForty).as("statements: %s", counting.executed()).isEqualTo(forOne);
  }

  @Test
  void a_fire_whose_run_was_queued_before_queues_nothing_but_its_plan_moves_on() {
    List<Job> jobs = everyTenSeconds(10);
    Instant first = Instant.parse("2034-01-01T00:00:10Z");
    Instant second = first.plusSeconds(10);
    clock.set(first.plusSeconds(1));
    chronos.heartbeat();
    // Four plans point back at the fire just queued, as when the misfire sweep and a poller met
    // at one fire time: the run exists, the plan has not moved.
    List<Job> queuedBefore = jobs.subList(0, 4);
    List<Job> fresh = jobs.subList(4, jobs.size());
    queuedBefore.forEach(job -> planFire(job.id(), first));

    clock.set(second.plusSeconds(1));
    chronos.heartbeat();

    assertThat(queuedBefore)
        .allSatisfy(
            job -> {
              assertThat(scheduledRuns(chronos, job.id())).containsExactly(first);
              assertThat(plannedFire(job.id())).isEqualTo(second);
            });
    assertThat(fresh)
        .allSatisfy(
            job -> {
              assertThat(scheduledRuns(chronos, job.id())).containsExactly(first, second);
              assertThat(plannedFire(job.id())).isEqualTo(second.plusSeconds(10));
            });

    chronos.heartbeat();
    assertThat(jobs)
        .allSatisfy(
            job -> assertThat(scheduledRuns(chronos, job.id())).containsExactly(first, second));
  }

  @Test
  void only_active_recurring_jobs_fire_and_a_plan_that_does_not_recur_is_cleared() {
    List<Job> jobs = everyTenSeconds(5);
    Instant due = Instant.parse("2034-01-01T00:00:10Z");
    List<Job> active = jobs.subList(0, 3);
    List<Job> paused = jobs.subList(3, jobs.size());
    paused.forEach(job -> chronos.jobs().pause(system, job.id()));
    Job once =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("once")).once(Instant.parse("2034-01-01T01:00:00Z")).build());
    created.add(once.id());
    // Plans no fire poller should act on: paused jobs and a one-time job due now.
    paused.forEach(job -> planFire(job.id(), due));
    planFire(once.id(), due);

    clock.set(due.plusSeconds(1));
    chronos.heartbeat();

    assertThat(active)
        .allSatisfy(job -> assertThat(scheduledRuns(chronos, job.id())).containsExactly(due));
    assertThat(paused)
        .allSatisfy(
            job -> {
              assertThat(runsByFireTime(chronos, job.id())).isEmpty();
              assertThat(plannedFire(job.id())).isEqualTo(due);
            });
    assertThat(runsByFireTime(chronos, once.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.triggerType()).isEqualTo(TriggerType.ONCE));
    assertThat(plannedFire(once.id())).isNull();
  }

  @Test
  void two_nodes_firing_the_same_due_jobs_at_once_queue_each_fire_once() {
    Chronos other = nodes.node(b -> b.clock(clock).keepHistoryForever());
    List<Job> jobs = everyTenSeconds(30);
    Instant due = Instant.parse("2034-01-01T00:00:10Z");
    clock.set(due.plusSeconds(1));

    CountDownLatch ready = new CountDownLatch(2);
    CompletableFuture.allOf(
            CompletableFuture.runAsync(() -> heartbeatTogether(chronos, ready)),
            CompletableFuture.runAsync(() -> heartbeatTogether(other, ready)))
        .join();

    assertThat(jobs)
        .allSatisfy(
            job -> {
              assertThat(scheduledRuns(chronos, job.id())).containsExactly(due);
              assertThat(plannedFire(job.id())).isEqualTo(due.plusSeconds(10));
            });
  }

  private static void heartbeatTogether(Chronos node, CountDownLatch ready) {
    ready.countDown();
    try {
      ready.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    node.heartbeat();
  }

  @Test
  void interval_fires_plan_the_next_fire_on_the_grid_of_the_anchor() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("interval"))
                    .every(Duration.ofSeconds(7), Duration.ofSeconds(2))
                    .build());
    created.add(job.id());
    Instant due = job.nextFireTime();
    clock.set(due);
    chronos.heartbeat();

    assertThat(scheduledRuns(chronos, job.id())).containsExactly(due);
    assertThat(plannedFire(job.id())).isEqualTo(due.plusSeconds(7));
  }
}
