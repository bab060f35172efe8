package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.ConflictException;
import io.chronos.NotFoundException;
import io.chronos.PageRequest;
import io.chronos.ValidationException;
import io.chronos.audit.AuditAction;
import io.chronos.audit.AuditEvent;
import io.chronos.dlq.DlqEvent;
import io.chronos.dlq.DlqQuery;
import io.chronos.dlq.DlqReason;
import io.chronos.dlq.DlqStatus;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.notify.NotificationRules;
import io.chronos.notify.WebhookChannel;
import io.chronos.payload.DummyPayload;
import io.chronos.retry.FailureCategory;
import io.chronos.retry.RetryPolicy;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.security.Actor;
import io.chronos.security.NewUser;
import io.chronos.security.Role;
import io.chronos.security.User;
import io.chronos.testing.SettableClock;
import io.chronos.testsupport.DatabaseContract;
import io.chronos.testsupport.WebhookRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure semantics on every database: retries with backoff on a settable clock, the dead-letter
 * queue, replay and discard, and recovery of lost runs under the retry policy.
 */
abstract class FailureContract extends DatabaseContract {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2032-06-01T00:00:00Z");

  private SettableClock clock;
  private Chronos chronos;
  private final Actor system = Actor.system();

  @BeforeEach
  void startNode() {
    clock = new SettableClock(T0);
    chronos = nodes.node(b -> b.clock(clock)).start();
  }

  private List<JobRun> attempts(String jobId) {
    return chronos.runs().forJob(system, jobId, PageRequest.first(100)).items().stream()
        .sorted(Comparator.comparingInt(JobRun::attempt))
        .toList();
  }

  /** Waits until the job has {@code count} runs and none is QUEUED-and-due or RUNNING. */
  private List<JobRun> settle(String jobId, int count) {
    return await()
        .atMost(WAIT)
        .until(
            () -> attempts(jobId),
            runs ->
                runs.size() == count
                    && runs.stream()
                        .noneMatch(
                            r ->
                                r.status() == RunStatus.RUNNING
                                    || (r.status() == RunStatus.QUEUED
                                        && !r.notBefore().isAfter(clock.instant()))));
  }

  private List<DlqEvent> dlqOf(String jobId) {
    return chronos.deadLetters().list(system, DlqQuery.all().job(jobId)).items();
  }

  @Test
  void retries_with_exponential_backoff_at_the_expected_delays_then_succeeds() {
    RetryPolicy policy =
        RetryPolicy.maxAttempts(5).exponential(Duration.ofSeconds(2), 2.0).thenDeadLetter();
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("flaky"))
                    .payload(DummyPayload.failTimes(3))
                    .retry(policy)
                    .build());
    assertThat(job.retryPolicy()).isEqualTo(policy);
    chronos.jobs().trigger(system, job.id());

    settle(job.id(), 2);
    for (int wait : new int[] {2, 4, 8}) {
      int before = attempts(job.id()).size();
      clock.advance(Duration.ofSeconds(wait).minusMillis(1));
      chronos.heartbeat();
      assertThat(attempts(job.id()))
          .hasSize(before)
          .last()
          .extracting(JobRun::status)
          .isEqualTo(RunStatus.QUEUED);
      clock.advance(Duration.ofMillis(1));
      settle(job.id(), before == 4 ? 4 : before + 1);
    }
    List<JobRun> runs = attempts(job.id());
    assertThat(runs).extracting(JobRun::attempt).containsExactly(1, 2, 3, 4);
    assertThat(runs)
        .extracting(JobRun::status)
        .containsExactly(RunStatus.FAILED, RunStatus.FAILED, RunStatus.FAILED, RunStatus.SUCCEEDED);
    assertThat(runs)
        .extracting(JobRun::triggerType)
        .containsExactly(
            TriggerType.MANUAL, TriggerType.RETRY, TriggerType.RETRY, TriggerType.RETRY);
    assertThat(runs)
        .extracting(JobRun::backoff)
        .containsExactly(null, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).notBefore())
          .isEqualTo(runs.get(i - 1).finishedAt().plus(runs.get(i).backoff()));
      assertThat(runs.get(i).retryOf()).isEqualTo(runs.get(i - 1).id());
      assertThat(runs.get(i).idempotencyKey()).isEqualTo(runs.get(0).idempotencyKey());
    }
    assertThat(dlqOf(job.id())).isEmpty();
  }

  @Test
  void always_failing_job_runs_max_attempts_then_one_dead_letter_and_a_notification() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("doomed"))
                    .payload(DummyPayload.alwaysFail("nope"))
                    .retry(RetryPolicy.maxAttempts(3).fixed(Duration.ofMinutes(1)).thenDeadLetter())
                    .build());
    chronos.jobs().trigger(system, job.id());
    settle(job.id(), 2);
    clock.advance(Duration.ofMinutes(1));
    settle(job.id(), 3);
    clock.advance(Duration.ofMinutes(1));
    await().atMost(WAIT).until(() -> dlqOf(job.id()).size() == 1);
    clock.advance(Duration.ofHours(1));
    chronos.heartbeat();
    assertThat(attempts(job.id()))
        .hasSize(3)
        .extracting(JobRun::status)
        .containsOnly(RunStatus.FAILED);
    DlqEvent event = dlqOf(job.id()).get(0);
    assertThat(event.reason()).isEqualTo(DlqReason.RETRIES_EXHAUSTED);
    assertThat(event.attempts()).isEqualTo(3);
    assertThat(event.error()).isEqualTo("nope");
    assertThat(event.runId()).isEqualTo(attempts(job.id()).get(2).id());
    assertThat(event.status()).isEqualTo(DlqStatus.PENDING);
    assertThat(event.jobName()).isEqualTo(job.name());
    assertThat(event.payloadSnapshot()).contains("ALWAYS_FAIL");
    // The in-app notification is delivered asynchronously, after the run's transaction commits.
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.queryForObject(
                    "SELECT COUNT(*) FROM "
                        + db.schema()
                        + ".notifications WHERE job_id = ? AND event_type = 'DEAD_LETTER'"
                        + " AND user_id = ?",
                    Long.class,
                    job.id(),
                    Actor.SYSTEM_USER_ID),
            n -> n == 1L);
    assertThat(chronos.deadLetters().depth()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void a_failure_the_policy_aborts_on_goes_straight_to_the_dead_letter_queue() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("abort"))
                    .payload(DummyPayload.alwaysFail("bad request"))
                    .retry(
                        RetryPolicy.maxAttempts(5)
                            .noBackoff()
                            .retryOn(FailureCategory.TIMEOUT)
                            .thenDeadLetter())
                    .build());
    chronos.jobs().trigger(system, job.id());
    await().atMost(WAIT).until(() -> dlqOf(job.id()).size() == 1);
    assertThat(attempts(job.id())).hasSize(1);
    assertThat(dlqOf(job.id()).get(0).reason()).isEqualTo(DlqReason.NON_RETRYABLE);
  }

  @Test
  void timed_out_attempts_are_retried_and_the_last_is_dead_lettered_as_timed_out() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("slow"))
                    .payload(DummyPayload.sleep(Duration.ofMinutes(5)))
                    .timeout(Duration.ofMillis(200))
                    .retry(RetryPolicy.maxAttempts(2).noBackoff().thenDeadLetter())
                    .build());
    chronos.jobs().trigger(system, job.id());
    await().atMost(WAIT).until(() -> dlqOf(job.id()).size() == 1);
    assertThat(attempts(job.id()))
        .extracting(JobRun::status)
        .containsExactly(RunStatus.TIMED_OUT, RunStatus.TIMED_OUT);
    assertThat(dlqOf(job.id()).get(0).reason()).isEqualTo(DlqReason.TIMED_OUT);
  }

  @Test
  void replay_queues_a_fresh_run_of_the_current_definition_once() {
    User owner =
        chronos
            .users()
            .create(system, new NewUser(unique("o") + "@example.com", null, null, Role.USER));
    Actor actor = Actor.user(owner.id());
    Job job =
        chronos
            .jobs()
            .create(
                actor,
                JobSpec.dummy(unique("replay"))
                    .payload(DummyPayload.alwaysFail("down"))
                    .retry(RetryPolicy.noRetries())
                    .build());
    chronos.jobs().trigger(actor, job.id());
    await().atMost(WAIT).until(() -> dlqOf(job.id()).size() == 1);
    DlqEvent event = dlqOf(job.id()).get(0);
    chronos
        .jobs()
        .update(actor, job.id(), JobSpec.dummy(job.name()).payload(DummyPayload.succeed()).build());

    User stranger =
        chronos
            .users()
            .create(system, new NewUser(unique("s") + "@example.com", null, null, Role.USER));
    assertThat(chronos.deadLetters().list(Actor.user(stranger.id()), DlqQuery.all()).items())
        .isEmpty();
    assertThatThrownBy(() -> chronos.deadLetters().replay(Actor.user(stranger.id()), event.id()))
        .isInstanceOf(NotFoundException.class);

    JobRun replay = chronos.deadLetters().replay(actor, event.id());
    assertThat(replay.triggerType()).isEqualTo(TriggerType.REPLAY);
    assertThat(replay.attempt()).isEqualTo(1);
    await()
        .atMost(WAIT)
        .until(
            () ->
                chronos.runs().get(actor, replay.id()).orElseThrow().status()
                    == RunStatus.SUCCEEDED);
    DlqEvent replayed = chronos.deadLetters().get(actor, event.id()).orElseThrow();
    assertThat(replayed.status()).isEqualTo(DlqStatus.REPLAYED);
    assertThat(replayed.replayedBy()).isEqualTo(owner.id());
    assertThat(replayed.replayRunId()).isEqualTo(replay.id());
    assertThat(replayed.resolvedAt()).isEqualTo(T0);
    assertThatThrownBy(() -> chronos.deadLetters().replay(actor, event.id()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> chronos.deadLetters().discard(actor, event.id(), "late"))
        .isInstanceOf(ConflictException.class);
    assertThat(chronos.audit().all(system, PageRequest.first(1000)).items())
        .filteredOn(e -> e.entityId().equals(event.id()))
        .extracting(AuditEvent::action)
        .containsExactly(AuditAction.REPLAY);
  }

  @Test
  void discard_needs_a_reason_and_records_who() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("discard"))
                    .payload(DummyPayload.alwaysFail("x"))
                    .retry(RetryPolicy.noRetries())
                    .build());
    chronos.jobs().trigger(system, job.id());
    await().atMost(WAIT).until(() -> dlqOf(job.id()).size() == 1);
    String id = dlqOf(job.id()).get(0).id();
    assertThatThrownBy(() -> chronos.deadLetters().discard(system, id, " "))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("reason")).isTrue());
    DlqEvent discarded = chronos.deadLetters().discard(system, id, "known outage");
    assertThat(discarded.status()).isEqualTo(DlqStatus.DISCARDED);
    assertThat(discarded.discardReason()).isEqualTo("known outage");
    assertThat(discarded.discardedBy()).isEqualTo(Actor.SYSTEM_USER_ID);
    assertThat(
            chronos
                .deadLetters()
                .list(system, DlqQuery.all().job(job.id()).status(DlqStatus.PENDING))
                .items())
        .isEmpty();
    assertThat(
            chronos
                .deadLetters()
                .list(system, DlqQuery.all().job(job.id()).between(T0, T0.plusSeconds(1)))
                .items())
        .hasSize(1);
    assertThat(
            chronos
                .deadLetters()
                .list(system, DlqQuery.all().job(job.id()).between(T0.plusSeconds(1), null))
                .items())
        .isEmpty();
  }

  @Test
  void lost_attempts_follow_the_retry_policy_and_count_as_attempts() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("lost"))
                    .payload(DummyPayload.sleep(Duration.ofSeconds(30)))
                    .retry(RetryPolicy.maxAttempts(2).fixed(Duration.ofHours(1)).thenDeadLetter())
                    .build());
    JobRun first = chronos.jobs().trigger(system, job.id());
    for (int attempt = 1; attempt <= 2; attempt++) {
      int n = attempt;
      JobRun running =
          await()
              .atMost(WAIT)
              .until(() -> attempts(job.id()).get(n - 1), r -> r.status() == RunStatus.RUNNING);
      jdbc.update(
          "UPDATE "
              + db.schema()
              + ".job_runs SET node_id = 'gone', lease_expires_at = ? WHERE id = ?",
          db.dialect().timestamp(Instant.now().minusSeconds(600)),
          running.id());
      chronos.heartbeat();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  chronos.runs().get(system, running.id()).orElseThrow().status()
                      == RunStatus.LOST);
    }
    List<JobRun> runs = attempts(job.id());
    assertThat(runs).extracting(JobRun::status).containsExactly(RunStatus.LOST, RunStatus.LOST);
    assertThat(runs.get(1).triggerType()).isEqualTo(TriggerType.RECOVERY);
    assertThat(runs.get(1).backoff()).isEqualTo(Duration.ZERO);
    assertThat(runs.get(1).retryOf()).isEqualTo(first.id());
    await().atMost(WAIT).until(() -> dlqOf(job.id()).size() == 1);
    assertThat(dlqOf(job.id()).get(0).reason()).isEqualTo(DlqReason.LOST);
  }

  @Test
  void notifications_follow_the_rules_through_the_webhook_and_in_app() throws Exception {
    try (WebhookRecorder hook = new WebhookRecorder(200)) {
      Chronos notifying =
          nodes
              .node(
                  b ->
                      b.clock(clock)
                          .notificationChannel(
                              WebhookChannel.builder("hook", hook.url())
                                  .backoff(Duration.ZERO)
                                  .build()))
              .start();
      chronos.close();
      NotificationRules rules =
          NotificationRules.none()
              .onFailure(true)
              .afterConsecutiveFailures(2)
              .onRecovery(true)
              .onDeadLetter(true)
              .channels("hook", NotificationRules.IN_APP);
      Job job =
          notifying
              .jobs()
              .create(
                  system,
                  JobSpec.dummy(unique("notify"))
                      .payload(DummyPayload.failTimes(2))
                      .retry(RetryPolicy.maxAttempts(3).noBackoff().thenDeadLetter())
                      .notify(rules)
                      .build());
      assertThat(job.notificationRules()).isEqualTo(rules);
      notifying.jobs().trigger(system, job.id());
      await().atMost(WAIT).until(() -> hook.bodies().size() == 4);
      assertThat(hook.bodies()).filteredOn(b -> b.contains("\"event\":\"FAILURE\"")).hasSize(2);
      assertThat(hook.bodies())
          .filteredOn(b -> b.contains("\"event\":\"CONSECUTIVE_FAILURES\""))
          .singleElement()
          .satisfies(
              b ->
                  assertThat(b)
                      .contains("\"consecutiveFailures\":2")
                      .contains("\"text\":\"[Chronos] "));
      assertThat(hook.bodies()).filteredOn(b -> b.contains("\"event\":\"RECOVERY\"")).hasSize(1);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  jdbc.queryForObject(
                          "SELECT COUNT(*) FROM "
                              + db.schema()
                              + ".notifications WHERE job_id = ? AND channel = 'IN_APP'",
                          Long.class,
                          job.id())
                      == 4L);
    }
  }

  @Test
  void a_failing_webhook_never_fails_the_run() throws Exception {
    try (WebhookRecorder hook = new WebhookRecorder(500)) {
      Chronos notifying =
          nodes
              .node(
                  b ->
                      b.clock(clock)
                          .notificationChannel(
                              WebhookChannel.builder("down", hook.url())
                                  .maxAttempts(3)
                                  .backoff(Duration.ofMillis(10))
                                  .build()))
              .start();
      chronos.close();
      Job job =
          notifying
              .jobs()
              .create(
                  system,
                  JobSpec.dummy(unique("loud"))
                      .notify(NotificationRules.none().onSuccess(true).channels("down"))
                      .build());
      JobRun run = notifying.jobs().trigger(system, job.id());
      await().atMost(WAIT).until(() -> hook.bodies().size() == 3);
      assertThat(notifying.runs().get(system, run.id()).orElseThrow().status())
          .isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void rules_naming_an_unknown_channel_are_refused() {
    assertThatThrownBy(
            () ->
                chronos
                    .jobs()
                    .create(
                        system,
                        JobSpec.dummy(unique("bad-rules"))
                            .notify(
                                NotificationRules.defaults()
                                    .channels("nowhere")
                                    .afterConsecutiveFailures(-1))
                            .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.hasErrorFor("notifications.channels")).isTrue();
              assertThat(e.hasErrorFor("notifications.afterConsecutiveFailures")).isTrue();
            });
  }

  @Test
  void retention_deletes_old_history_but_keeps_dead_lettered_runs() {
    Chronos keeping = nodes.node(b -> b.clock(clock).retention(Duration.ofHours(1))).start();
    chronos.close();
    Job ok = keeping.jobs().create(system, JobSpec.dummy(unique("old")).build());
    Job bad =
        keeping
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("old-bad"))
                    .payload(DummyPayload.alwaysFail("x"))
                    .retry(RetryPolicy.noRetries())
                    .build());
    JobRun done = keeping.jobs().trigger(system, ok.id());
    JobRun failed = keeping.jobs().trigger(system, bad.id());
    await()
        .atMost(WAIT)
        .until(
            () ->
                keeping.runs().get(system, done.id()).orElseThrow().status()
                    == RunStatus.SUCCEEDED);
    await()
        .atMost(WAIT)
        .until(
            () ->
                keeping.deadLetters().list(system, DlqQuery.all().job(bad.id())).items().size()
                    == 1);
    clock.advance(Duration.ofMinutes(59));
    keeping.heartbeat();
    assertThat(keeping.runs().get(system, done.id())).isPresent();
    clock.advance(Duration.ofMinutes(2));
    keeping.heartbeat();
    assertThat(keeping.runs().get(system, done.id())).isEmpty();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + db.schema() + ".job_run_logs WHERE run_id = ?",
                Long.class,
                done.id()))
        .isZero();
    assertThat(keeping.runs().get(system, failed.id())).isPresent();
    assertThat(keeping.jobs().get(system, ok.id())).isPresent();
  }

  @Test
  void the_owner_reads_dead_letter_notifications_in_the_in_app_inbox() {
    User owner =
        chronos
            .users()
            .create(system, new NewUser(unique("in") + "@example.com", null, null, Role.USER));
    User other =
        chronos
            .users()
            .create(system, new NewUser(unique("ot") + "@example.com", null, null, Role.USER));
    Actor actor = Actor.user(owner.id());
    Job job =
        chronos
            .jobs()
            .create(
                actor,
                JobSpec.dummy(unique("inbox"))
                    .payload(DummyPayload.alwaysFail("broken"))
                    .retry(RetryPolicy.noRetries())
                    .build());
    chronos.jobs().trigger(actor, job.id());
    await().atMost(WAIT).until(() -> chronos.inbox().unreadCount(actor) == 1);
    io.chronos.notify.InboxItem item =
        chronos.inbox().list(actor, true, PageRequest.first()).items().get(0);
    assertThat(item.event()).isEqualTo(io.chronos.notify.NotificationEvent.DEAD_LETTER);
    assertThat(item.jobId()).isEqualTo(job.id());
    assertThat(item.subject()).contains(job.name());
    assertThat(item.unread()).isTrue();
    assertThat(chronos.inbox().list(Actor.user(other.id()), false, PageRequest.first()).items())
        .isEmpty();
    assertThatThrownBy(() -> chronos.inbox().markRead(Actor.user(other.id()), item.id()))
        .isInstanceOf(NotFoundException.class);
    io.chronos.notify.InboxItem read = chronos.inbox().markRead(actor, item.id());
    assertThat(read.readAt()).isEqualTo(T0);
    assertThat(chronos.inbox().unreadCount(actor)).isZero();
    assertThat(chronos.inbox().list(actor, true, PageRequest.first()).items()).isEmpty();
    assertThat(chronos.inbox().list(actor, false, PageRequest.first()).items()).hasSize(1);
  }
}
