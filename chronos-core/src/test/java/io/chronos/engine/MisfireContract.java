package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.Chronos;
import io.chronos.ValidationException;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.TriggerType;
import io.chronos.schedule.Misfire;
import io.chronos.schedule.Schedule;
import io.chronos.security.Actor;
import io.chronos.testing.SettableClock;
import io.chronos.testsupport.DatabaseContract;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Misfires and daylight saving on every database, driven by a settable clock (no sleeping): a node
 * that was down catches up under each misfire policy, and the nights when Berlin springs forward
 * (2030-03-31, 02:00 CET to 03:00 CEST) and falls back (2030-10-27, 03:00 CEST to 02:00 CET) give a
 * cron job at 02:30 exactly one run each.
 *
 * <p>Quartz fires on the system clock, years before these dates, so here every fire reaches the
 * queue through the misfire sweep that each heartbeat runs on the node's clock: a fire is caught up
 * once the clock is past it by more than the misfire threshold (1 minute).
 */
abstract class MisfireContract extends DatabaseContract {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String AT_0230 = "0 30 2 * * ?";

  private SettableClock clock;
  private Chronos chronos;
  private final List<String> created = new ArrayList<>();
  private final Actor system = Actor.system();

  @BeforeEach
  void startNode() {
    clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    chronos = nodes.node(b -> b.clock(clock)).start();
  }

  @AfterEach
  void stopNodes() {
    // Other tests move the clock elsewhere: no job of this one may catch up there.
    created.forEach(id -> chronos.jobs().delete(system, id));
    created.clear();
  }

  private static List<Instant> instants(String... values) {
    return Stream.of(values).map(Instant::parse).toList();
  }

  private Job create(JobSpec spec) {
    Job job = chronos.jobs().create(system, spec);
    created.add(job.id());
    return job;
  }

  private Job berlinAt0230(Misfire misfire) {
    return create(JobSpec.dummy(unique("berlin")).cron(AT_0230, BERLIN).misfire(misfire).build());
  }

  private Instant nextFire(String jobId) {
    return chronos.jobs().get(system, jobId).orElseThrow().nextFireTime();
  }

  /** The node is down from the job's creation until {@code until}, then comes back. */
  private List<Instant> downUntil(String jobId, String until) {
    clock.set(Instant.parse(until));
    chronos.heartbeat();
    return scheduledRuns(chronos, jobId);
  }

  /** The node is up and its clock moves in 5-minute steps, a heartbeat at each. */
  private void stepUntil(String until) {
    Instant end = Instant.parse(until);
    while (clock.instant().isBefore(end)) {
      clock.advance(Duration.ofMinutes(5));
      chronos.heartbeat();
    }
  }

  // --- The node is down over a spring-forward night, four fires missed -----------------------
  // 02:30 Berlin: 03-30 01:30Z (CET); 03-31 02:30 does not exist, 03:30 CEST = 01:30Z;
  // 04-01 and 04-02 00:30Z (CEST).

  @Test
  void fire_once_queues_one_run_for_the_latest_missed_fire() {
    clock.set(Instant.parse("2030-03-29T12:00:00Z"));
    Job job = berlinAt0230(Misfire.fireOnce());
    assertThat(job.nextFireTime()).isEqualTo(Instant.parse("2030-03-30T01:30:00Z"));

    assertThat(downUntil(job.id(), "2030-04-02T12:00:00Z"))
        .isEqualTo(instants("2030-04-02T00:30:00Z"));
    assertThat(runsByFireTime(chronos, job.id()))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.triggerType()).isEqualTo(TriggerType.SCHEDULE);
              assertThat(run.notBefore()).isEqualTo(run.scheduledAt());
            });
    assertThat(nextFire(job.id())).isEqualTo(Instant.parse("2030-04-03T00:30:00Z"));
  }

  @Test
  void skip_queues_nothing_and_continues_with_the_next_fire() {
    clock.set(Instant.parse("2030-03-29T12:00:00Z"));
    Job job = berlinAt0230(Misfire.skip());

    assertThat(downUntil(job.id(), "2030-04-02T12:00:00Z")).isEmpty();
    assertThat(nextFire(job.id())).isEqualTo(Instant.parse("2030-04-03T00:30:00Z"));
    // Later heartbeats do not revisit the skipped fires.
    clock.advance(Duration.ofMinutes(10));
    chronos.heartbeat();
    assertThat(scheduledRuns(chronos, job.id())).isEmpty();
  }

  @Test
  void fire_all_queues_every_missed_fire_and_the_time_skipped_by_spring_forward_once() {
    clock.set(Instant.parse("2030-03-29T12:00:00Z"));
    Job job = berlinAt0230(Misfire.fireAll(10));

    assertThat(downUntil(job.id(), "2030-04-02T12:00:00Z"))
        .isEqualTo(
            instants(
                "2030-03-30T01:30:00Z",
                "2030-03-31T01:30:00Z",
                "2030-04-01T00:30:00Z",
                "2030-04-02T00:30:00Z"));
    assertThat(nextFire(job.id())).isEqualTo(Instant.parse("2030-04-03T00:30:00Z"));
  }

  @Test
  void fire_all_queues_only_the_newest_fires_up_to_its_cap() {
    clock.set(Instant.parse("2030-03-29T12:00:00Z"));
    Job job = berlinAt0230(Misfire.fireAll(2));

    assertThat(downUntil(job.id(), "2030-04-02T12:00:00Z"))
        .isEqualTo(instants("2030-04-01T00:30:00Z", "2030-04-02T00:30:00Z"));
  }

  @Test
  void every_policy_gives_the_spring_forward_night_alone_one_run_after_the_gap_or_none() {
    for (Misfire misfire : List.of(Misfire.fireOnce(), Misfire.fireAll(10), Misfire.skip())) {
      clock.set(Instant.parse("2030-03-30T12:00:00Z"));
      Job job = berlinAt0230(misfire);
      assertThat(job.nextFireTime()).isEqualTo(Instant.parse("2030-03-31T01:30:00Z"));
      assertThat(downUntil(job.id(), "2030-03-31T12:00:00Z"))
          .as("%s", misfire)
          .isEqualTo(misfire.equals(Misfire.skip()) ? List.of() : instants("2030-03-31T01:30:00Z"));
      chronos.jobs().delete(system, job.id());
      created.remove(job.id());
    }
  }

  // --- The node is up through the night --------------------------------------------------------

  @Test
  void a_time_skipped_by_spring_forward_fires_once_right_after_the_gap() {
    clock.set(Instant.parse("2030-03-30T22:00:00Z"));
    Job job = berlinAt0230(Misfire.fireOnce());

    stepUntil("2030-03-31T04:00:00Z");
    // 02:30 does not exist that night: the one run is for 03:30 CEST.
    assertThat(scheduledRuns(chronos, job.id())).isEqualTo(instants("2030-03-31T01:30:00Z"));
    assertThat(nextFire(job.id())).isEqualTo(Instant.parse("2030-04-01T00:30:00Z"));
  }

  @Test
  void a_time_in_the_repeated_hour_of_fall_back_fires_once() {
    clock.set(Instant.parse("2030-10-26T22:00:00Z"));
    Job job = berlinAt0230(Misfire.fireOnce());

    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET): one run, at the first.
    stepUntil("2030-10-27T04:00:00Z");
    assertThat(scheduledRuns(chronos, job.id())).isEqualTo(instants("2030-10-27T00:30:00Z"));
    assertThat(nextFire(job.id())).isEqualTo(Instant.parse("2030-10-28T01:30:00Z"));
  }

  @Test
  void a_node_down_over_the_fall_back_night_catches_up_the_repeated_time_once() {
    clock.set(Instant.parse("2030-10-26T12:00:00Z"));
    Job job = berlinAt0230(Misfire.fireAll(10));

    assertThat(downUntil(job.id(), "2030-10-27T12:00:00Z"))
        .isEqualTo(instants("2030-10-27T00:30:00Z"));
  }

  // --- Intervals, the threshold, pauses, several nodes ------------------------------------------

  @Test
  void an_interval_job_missed_seven_times_with_fire_all_3_queues_the_newest_three() {
    clock.set(Instant.parse("2030-05-01T00:00:00Z"));
    Job job =
        create(
            JobSpec.dummy(unique("interval"))
                .schedule(Schedule.every(Duration.ofMinutes(10), Misfire.fireAll(3)))
                .build());
    assertThat(job.nextFireTime()).isEqualTo(Instant.parse("2030-05-01T00:10:00Z"));

    // Missed: 00:10, 00:20, ..., 01:10.
    assertThat(downUntil(job.id(), "2030-05-01T01:15:00Z"))
        .isEqualTo(
            instants("2030-05-01T00:50:00Z", "2030-05-01T01:00:00Z", "2030-05-01T01:10:00Z"));
    assertThat(nextFire(job.id())).isEqualTo(Instant.parse("2030-05-01T01:20:00Z"));
  }

  @Test
  void a_fire_late_by_less_than_the_threshold_is_fired_once_not_caught_up() {
    clock.set(Instant.parse("2030-05-01T00:00:00Z"));
    Job job =
        create(
            JobSpec.dummy(unique("threshold"))
                .every(Duration.ofMinutes(10))
                .misfire(Misfire.fireAll(5))
                .build());

    clock.set(Instant.parse("2030-05-01T00:10:59Z"));
    chronos.heartbeat();
    assertThat(scheduledRuns(chronos, job.id())).isEqualTo(instants("2030-05-01T00:10:00Z"));
    assertThat(nextFire(job.id())).isEqualTo(Instant.parse("2030-05-01T00:20:00Z"));

    clock.set(Instant.parse("2030-05-01T00:11:01Z"));
    chronos.heartbeat();
    assertThat(scheduledRuns(chronos, job.id())).isEqualTo(instants("2030-05-01T00:10:00Z"));
  }

  @Test
  void a_resumed_job_does_not_catch_up_the_fires_of_its_pause() {
    clock.set(Instant.parse("2030-03-29T12:00:00Z"));
    Job job = berlinAt0230(Misfire.fireAll(10));
    chronos.jobs().pause(system, job.id());

    clock.set(Instant.parse("2030-04-02T12:00:00Z"));
    chronos.heartbeat();
    Job resumed = chronos.jobs().resume(system, job.id());
    chronos.heartbeat();
    assertThat(scheduledRuns(chronos, job.id())).isEmpty();
    assertThat(resumed.nextFireTime()).isEqualTo(Instant.parse("2030-04-03T00:30:00Z"));
  }

  @Test
  void two_nodes_catching_up_at_once_queue_each_missed_fire_once() {
    clock.set(Instant.parse("2030-03-29T12:00:00Z"));
    Chronos other = nodes.node(b -> b.clock(clock)).start();
    Job job = berlinAt0230(Misfire.fireAll(10));

    clock.set(Instant.parse("2030-04-02T12:00:00Z"));
    CompletableFuture.allOf(
            CompletableFuture.runAsync(chronos::heartbeat),
            CompletableFuture.runAsync(other::heartbeat))
        .join();
    assertThat(scheduledRuns(chronos, job.id()))
        .isEqualTo(
            instants(
                "2030-03-30T01:30:00Z",
                "2030-03-31T01:30:00Z",
                "2030-04-01T00:30:00Z",
                "2030-04-02T00:30:00Z"));
  }

  @Test
  void the_misfire_policy_is_stored_with_the_schedule_and_its_cap_is_checked() {
    Job job = berlinAt0230(Misfire.fireAll(5));
    assertThat(job.schedule())
        .isEqualTo(new Schedule.Cron(AT_0230, "Europe/Berlin", Misfire.fireAll(5)));
    assertThat(
            jdbc.queryForObject(
                "SELECT misfire_policy FROM " + db.schema() + ".job_schedules WHERE job_id = ?",
                String.class,
                job.id()))
        .isEqualTo("FIRE_ALL");
    assertThat(
            jdbc.queryForObject(
                "SELECT misfire_cap FROM " + db.schema() + ".job_schedules WHERE job_id = ?",
                Integer.class,
                job.id()))
        .isEqualTo(5);

    Job skipping =
        chronos
            .jobs()
            .update(
                system,
                job.id(),
                JobSpec.dummy(job.name()).cron(AT_0230, BERLIN).misfire(Misfire.skip()).build());
    assertThat(skipping.schedule())
        .isEqualTo(new Schedule.Cron(AT_0230, "Europe/Berlin", Misfire.skip()));

    for (int cap : new int[] {0, Misfire.MAX_CAP + 1}) {
      assertThatThrownBy(
              () ->
                  create(
                      JobSpec.dummy(unique("cap"))
                          .every(Duration.ofMinutes(1))
                          .misfire(Misfire.fireAll(cap))
                          .build()))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e ->
                  assertThat(e.errors())
                      .singleElement()
                      .satisfies(error -> assertThat(error.field()).isEqualTo("schedule.misfire")));
    }
  }
}
