package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.ConflictException;
import io.chronos.NotFoundException;
import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.ValidationException;
import io.chronos.audit.AuditAction;
import io.chronos.audit.AuditEvent;
import io.chronos.job.Job;
import io.chronos.job.JobQuery;
import io.chronos.job.JobSpec;
import io.chronos.job.JobStatus;
import io.chronos.job.JobType;
import io.chronos.payload.DummyPayload;
import io.chronos.run.JobRun;
import io.chronos.run.RunLog;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.secret.Secret;
import io.chronos.security.AccessDeniedException;
import io.chronos.security.Actor;
import io.chronos.security.NewUser;
import io.chronos.security.Role;
import io.chronos.security.User;
import io.chronos.testing.SettableClock;
import io.chronos.testsupport.DatabaseContract;
import io.chronos.testsupport.EchoExecutor;
import io.chronos.testsupport.EchoPayload;
import io.chronos.testsupport.SecretEchoExecutor;
import io.chronos.testsupport.SecretPayload;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store and engine contract: every case runs on H2 and, in the services profile, on the local
 * PostgreSQL and MariaDB. One database schema per class, a fresh node per test.
 */
abstract class EngineContract extends DatabaseContract {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Chronos chronos;
  private final Actor system = Actor.system();

  @BeforeEach
  void startNode() {
    chronos = nodes.node(b -> b.executor(new EchoExecutor())).start();
  }

  private JobRun awaitRun(String runId, RunStatus status) {
    return await()
        .atMost(WAIT)
        .until(() -> chronos.runs().get(system, runId).orElseThrow(), r -> r.status() == status);
  }

  private List<JobRun> runsOf(String jobId) {
    return chronos.runs().forJob(system, jobId, PageRequest.first(1000)).items();
  }

  private User newUser(Role role) {
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

  @Test
  void triggered_job_runs_once_and_records_history_and_logs() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("now"))
                    .payload(DummyPayload.succeed().withLogLines(3))
                    .build());
    JobRun queued = chronos.jobs().trigger(system, job.id());
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.triggerType()).isEqualTo(TriggerType.MANUAL);

    JobRun done = awaitRun(queued.id(), RunStatus.SUCCEEDED);
    assertThat(done.attempt()).isEqualTo(1);
    assertThat(done.nodeId()).isEqualTo(chronos.nodeId());
    assertThat(done.startedAt()).isNotNull();
    assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
    assertThat(done.duration()).isNotNull();
    assertThat(done.idempotencyKey()).startsWith(job.id() + ":");
    List<RunLog> logs = chronos.runs().logs(system, done.id(), PageRequest.first()).items();
    assertThat(logs)
        .extracting(RunLog::message)
        .containsExactly("dummy step 1 of 3", "dummy step 2 of 3", "dummy step 3 of 3");
    assertThat(logs.get(0).context())
        .containsEntry("attempt", "1")
        .containsEntry("mode", "SUCCEED");
    assertThat(runsOf(job.id())).hasSize(1);
  }

  @Test
  void failing_run_is_recorded_with_its_error() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("fail")).payload(DummyPayload.alwaysFail("boom")).build());
    JobRun run = chronos.jobs().trigger(system, job.id());
    JobRun failed = awaitRun(run.id(), RunStatus.FAILED);
    assertThat(failed.error()).isEqualTo("boom");
  }

  @Test
  void cron_job_fires_into_the_queue_once_per_fire_time() {
    Job job =
        chronos
            .jobs()
            .create(
                system, JobSpec.dummy(unique("cron")).cron("* * * * * ?", "Europe/Berlin").build());
    assertThat(job.nextFireTime()).isNotNull();
    await()
        .atMost(WAIT)
        .until(
            () ->
                runsOf(job.id()).stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count()
                    >= 3);
    chronos.jobs().delete(system, job.id());
    assertThat(count("job_schedules", "job_id = ?", job.id())).isZero();
  }

  @Test
  void scheduled_runs_have_distinct_fire_times_and_the_trigger_type() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("every"))
                    .every(Duration.ofMillis(500), Duration.ZERO)
                    .build());
    await().atMost(WAIT).until(() -> runsOf(job.id()).size() >= 3);
    chronos.jobs().pause(system, job.id());
    List<JobRun> runs = runsOf(job.id());
    assertThat(runs).extracting(JobRun::triggerType).containsOnly(TriggerType.SCHEDULE);
    assertThat(runs).extracting(JobRun::scheduledAt).doesNotHaveDuplicates();
    assertThat(runs).extracting(JobRun::idempotencyKey).doesNotHaveDuplicates();
  }

  @Test
  void one_time_job_runs_when_the_clock_reaches_its_time() {
    SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    Chronos clocked = nodes.node(b -> b.clock(clock)).start();
    Instant at = Instant.parse("2030-01-01T01:00:00Z");
    Job job = clocked.jobs().create(system, JobSpec.dummy(unique("once")).once(at).build());
    assertThat(job.nextFireTime()).isEqualTo(at);
    List<JobRun> queued = clocked.runs().forJob(system, job.id(), PageRequest.first()).items();
    assertThat(queued)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RunStatus.QUEUED);
              assertThat(r.triggerType()).isEqualTo(TriggerType.ONCE);
              assertThat(r.notBefore()).isEqualTo(at);
            });
    clock.advance(Duration.ofMinutes(59));
    clocked.heartbeat();
    assertThat(clocked.runs().get(system, queued.get(0).id()).orElseThrow().status())
        .isEqualTo(RunStatus.QUEUED);
    clock.advance(Duration.ofMinutes(1));
    JobRun done =
        await()
            .atMost(WAIT)
            .until(
                () -> clocked.runs().get(system, queued.get(0).id()).orElseThrow(),
                r -> r.status() == RunStatus.SUCCEEDED);
    assertThat(done.startedAt()).isEqualTo(Instant.parse("2030-01-01T01:00:00Z"));
  }

  @Test
  void one_time_job_in_the_past_runs_at_once() {
    Job job =
        chronos
            .jobs()
            .create(
                system, JobSpec.dummy(unique("past")).once(Instant.now().minusSeconds(60)).build());
    await()
        .atMost(WAIT)
        .until(() -> runsOf(job.id()).stream().anyMatch(r -> r.status() == RunStatus.SUCCEEDED));
    assertThat(runsOf(job.id())).hasSize(1);
  }

  @Test
  void invalid_spec_is_refused_with_every_problem_and_nothing_is_stored() {
    long jobsBefore = count("jobs", "1 = 1");
    long auditBefore = count("audit_events", "1 = 1");
    JobSpec bad =
        JobSpec.dummy("  ")
            .cron("61 * * * * ?", "Mars/Olympus")
            .timeout(Duration.ZERO)
            .tags("ok", "bad tag!")
            .build();
    assertThatThrownBy(() -> chronos.jobs().create(system, bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactlyInAnyOrder(
                        "name", "schedule.cron", "schedule.zone", "timeout", "tags"));
    assertThatThrownBy(
            () ->
                chronos
                    .jobs()
                    .create(system, JobSpec.dummy("x".repeat(201)).every(Duration.ZERO).build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(f -> f.field())
                  .containsExactlyInAnyOrder("name", "schedule.interval");
              assertThat(e.getMessage()).contains("at most 200").contains("must be positive");
            });
    assertThatThrownBy(
            () ->
                chronos
                    .jobs()
                    .create(
                        system,
                        JobSpec.builder(
                                unique("unknown"),
                                new DummyPayload(DummyPayload.Mode.SLEEP, null, 0, null, 0))
                            .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors()).extracting(f -> f.field()).containsExactly("payload.sleep"));
    assertThat(count("jobs", "1 = 1")).isEqualTo(jobsBefore);
    assertThat(count("audit_events", "1 = 1")).isEqualTo(auditBefore);
  }

  @Test
  void unknown_job_type_is_refused() {
    Chronos bare = nodes.node(b -> b.nodeId("bare-" + UUID.randomUUID()));
    assertThatThrownBy(
            () ->
                bare.jobs()
                    .create(
                        system,
                        JobSpec.builder(unique("echo"), new EchoPayload("hi", "t", List.of()))
                            .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("type"));
  }

  @Test
  void duplicate_name_for_the_same_owner_is_refused_but_allowed_for_another() {
    String name = unique("dup");
    chronos.jobs().create(system, JobSpec.dummy(name).build());
    assertThatThrownBy(() -> chronos.jobs().create(system, JobSpec.dummy(name).build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("name"));
    User user = newUser(Role.USER);
    Job theirs = chronos.jobs().create(Actor.user(user.id()), JobSpec.dummy(name).build());
    assertThat(theirs.ownerId()).isEqualTo(user.id());
    assertThat(chronos.jobs().findByName(Actor.user(user.id()), user.id(), name)).contains(theirs);
    assertThat(chronos.jobs().findByName(Actor.user(user.id()), Actor.SYSTEM_USER_ID, name))
        .isEmpty();
    assertThat(
            chronos.jobs().findByName(system, Actor.SYSTEM_USER_ID, name).orElseThrow().ownerId())
        .isEqualTo(Actor.SYSTEM_USER_ID);
  }

  @Test
  void users_see_and_change_only_their_own_jobs_and_admins_all() {
    User alice = newUser(Role.USER);
    User bob = newUser(Role.USER);
    User admin = newUser(Role.ADMIN);
    Actor asAlice = Actor.user(alice.id());
    Actor asBob = Actor.user(bob.id());
    Job alices = chronos.jobs().create(asAlice, JobSpec.dummy(unique("a")).tags("mine").build());

    assertThat(chronos.jobs().get(asBob, alices.id())).isEmpty();
    assertThat(chronos.jobs().get(Actor.admin(admin.id()), alices.id())).isPresent();
    assertThat(chronos.jobs().list(asBob, JobQuery.all().owner(alice.id())).items()).isEmpty();
    assertThatThrownBy(() -> chronos.jobs().pause(asBob, alices.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> chronos.jobs().delete(asBob, alices.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                chronos.jobs().create(asBob, JobSpec.dummy(unique("b")).owner(alice.id()).build()))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(chronos.jobs().pause(Actor.admin(admin.id()), alices.id()).status())
        .isEqualTo(JobStatus.PAUSED);
    assertThat(chronos.audit().forEntity(system, alices.id(), PageRequest.first()).items())
        .extracting(AuditEvent::action)
        .contains(AuditAction.ACCESS_DENIED, AuditAction.PAUSE);
    assertThatThrownBy(() -> chronos.runs().forJob(asBob, alices.id(), PageRequest.first()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void admin_only_types_are_refused_to_users_and_audited() {
    Chronos strict = nodes.node(b -> b.executor(new EchoExecutor(true)));
    User user = newUser(Role.USER);
    JobSpec spec = JobSpec.builder(unique("power"), new EchoPayload("hi", "t", List.of())).build();
    assertThatThrownBy(() -> strict.jobs().create(Actor.user(user.id()), spec))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("ECHO");
    assertThat(count("audit_events", "actor_id = ? AND action = 'ACCESS_DENIED'", user.id()))
        .isEqualTo(1);
    assertThat(count("jobs", "owner_id = ?", user.id())).isZero();
    assertThat(strict.jobs().create(Actor.admin(newUser(Role.ADMIN).id()), spec).type())
        .isEqualTo(EchoPayload.TYPE);
  }

  @Test
  void pause_holds_queued_runs_and_resume_releases_them() {
    SettableClock clock = new SettableClock(Instant.parse("2031-01-01T00:00:00Z"));
    Chronos clocked = nodes.node(b -> b.clock(clock)).start();
    Job job =
        clocked
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("hold")).once(Instant.parse("2031-01-01T00:10:00Z")).build());
    Job paused = clocked.jobs().pause(system, job.id());
    assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
    assertThat(paused.nextFireTime()).isNull();
    assertThat(clocked.runs().forJob(system, job.id(), PageRequest.first()).items())
        .extracting(JobRun::status)
        .containsExactly(RunStatus.HELD);
    assertThatThrownBy(() -> clocked.jobs().trigger(system, job.id()))
        .isInstanceOf(ConflictException.class);
    clock.advance(Duration.ofHours(1));
    clocked.heartbeat();
    assertThat(clocked.runs().forJob(system, job.id(), PageRequest.first()).items())
        .extracting(JobRun::status)
        .containsExactly(RunStatus.HELD);
    clocked.jobs().resume(system, job.id());
    await()
        .atMost(WAIT)
        .until(
            () ->
                clocked.runs().forJob(system, job.id(), PageRequest.first()).items().get(0).status()
                    == RunStatus.SUCCEEDED);
  }

  @Test
  void a_paused_cron_job_is_not_fired_and_resume_plans_it_afresh() {
    SettableClock clock = new SettableClock(Instant.parse("2032-01-01T00:00:30Z"));
    Chronos clocked = nodes.node(b -> b.clock(clock)).start();
    Job job =
        clocked
            .jobs()
            .create(system, JobSpec.dummy(unique("pc")).cron("0 * * * * ?", "UTC").build());
    assertThat(job.nextFireTime()).isEqualTo(Instant.parse("2032-01-01T00:01:00Z"));
    clocked.jobs().pause(system, job.id());
    clock.advance(Duration.ofSeconds(61));
    clocked.heartbeat();
    assertThat(runsOf(job.id())).isEmpty();
    Job resumed = clocked.jobs().resume(system, job.id());
    // Planned afresh from the resume: the fire of 00:01 during the pause is not caught up.
    assertThat(resumed.nextFireTime()).isEqualTo(Instant.parse("2032-01-01T00:02:00Z"));
    assertThat(runsOf(job.id())).isEmpty();
    clock.advance(Duration.ofSeconds(29));
    clocked.heartbeat();
    assertThat(runsOf(job.id()))
        .extracting(JobRun::scheduledAt)
        .containsExactly(Instant.parse("2032-01-01T00:02:00Z"));
    assertThat(clocked.jobs().get(system, job.id()).orElseThrow().nextFireTime())
        .isEqualTo(Instant.parse("2032-01-01T00:03:00Z"));
  }

  @Test
  void a_job_whose_fire_fails_does_not_keep_the_jobs_due_with_it_from_firing() {
    SettableClock clock = new SettableClock(Instant.parse("2033-01-01T00:00:30Z"));
    Chronos clocked = nodes.node(b -> b.clock(clock)).start();
    Job good =
        clocked
            .jobs()
            .create(system, JobSpec.dummy(unique("good")).cron("0 * * * * ?", "UTC").build());
    Job broken =
        clocked
            .jobs()
            .create(system, JobSpec.dummy(unique("broken")).cron("0 * * * * ?", "UTC").build());
    String schedules = db.schema() + ".job_schedules";
    jdbc.update(
        "UPDATE " + schedules + " SET cron_expression = 'not a cron' WHERE job_id = ?",
        broken.id());
    clock.advance(Duration.ofSeconds(30));
    clocked.heartbeat();
    assertThat(runsOf(good.id()))
        .extracting(JobRun::scheduledAt)
        .containsExactly(Instant.parse("2033-01-01T00:01:00Z"));
    assertThat(runsOf(broken.id())).isEmpty();
    jdbc.update(
        "UPDATE " + schedules + " SET cron_expression = '0 * * * * ?' WHERE job_id = ?",
        broken.id());
    clocked.jobs().delete(system, broken.id());
    clocked.jobs().delete(system, good.id());
  }

  @Test
  void update_replaces_the_definition_and_the_plan_and_is_audited() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("upd")).cron("0 0 3 * * ?", "UTC").description("v1").build());
    JobSpec changed =
        JobSpec.dummy(job.name())
            .cron("0 30 4 * * ?", "America/New_York")
            .description("v2")
            .tags("t1")
            .build();
    Job updated = chronos.jobs().update(system, job.id(), changed);
    assertThat(updated.id()).isEqualTo(job.id());
    assertThat(updated.version()).isEqualTo(job.version() + 1);
    assertThat(updated.description()).isEqualTo("v2");
    assertThat(updated.tags()).containsExactly("t1");
    assertThat(updated.schedule())
        .isEqualTo(new io.chronos.schedule.Schedule.Cron("0 30 4 * * ?", "America/New_York"));
    // The job's fire plan now points at the first 04:30 in New York.
    assertThat(updated.nextFireTime())
        .isEqualTo(updated.schedule().nextFireTimes(updated.updatedAt().minusMillis(1), 1).get(0));
    assertThat(updated.nextFireTime().atZone(ZoneId.of("America/New_York")).toLocalTime())
        .isEqualTo(LocalTime.of(4, 30));
    List<AuditEvent> events =
        chronos.audit().forEntity(system, job.id(), PageRequest.first()).items();
    assertThat(events)
        .extracting(AuditEvent::action)
        .containsExactly(AuditAction.CREATE, AuditAction.UPDATE);
    assertThat(events.get(1).before()).contains("v1");
    assertThat(events.get(1).after()).contains("v2").contains("America/New_York");
    assertThat(events.get(1).actorRole()).isEqualTo("SYSTEM");
    assertThat(events.get(1).nodeId()).isEqualTo(chronos.nodeId());
  }

  @Test
  void a_disabled_job_has_no_fire_plan_until_enabled() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("dis")).cron("0 0 3 * * ?", "UTC").enabled(false).build());
    assertThat(job.status()).isEqualTo(JobStatus.DISABLED);
    assertThat(job.nextFireTime()).isNull();
    Job enabled =
        chronos
            .jobs()
            .update(system, job.id(), JobSpec.dummy(job.name()).cron("0 0 3 * * ?", "UTC").build());
    assertThat(enabled.status()).isEqualTo(JobStatus.ACTIVE);
    assertThat(enabled.nextFireTime()).isNotNull();
  }

  @Test
  void delete_removes_the_job_its_trigger_and_history_but_keeps_the_audit() {
    Job job =
        chronos
            .jobs()
            .create(system, JobSpec.dummy(unique("del")).cron("0 0 3 * * ?", "UTC").build());
    JobRun run = chronos.jobs().trigger(system, job.id());
    awaitRun(run.id(), RunStatus.SUCCEEDED);
    chronos.jobs().delete(system, job.id());
    assertThat(chronos.jobs().get(system, job.id())).isEmpty();
    assertThat(count("job_runs", "job_id = ?", job.id())).isZero();
    assertThat(count("job_schedules", "job_id = ?", job.id())).isZero();
    assertThat(chronos.audit().forEntity(system, job.id(), PageRequest.first()).items())
        .extracting(AuditEvent::action)
        .containsExactly(AuditAction.CREATE, AuditAction.TRIGGER, AuditAction.DELETE);
  }

  @Test
  void a_change_rolled_back_by_the_host_leaves_no_chronos_or_audit_row() {
    DataSourceTransactionManager tm = new DataSourceTransactionManager(db.dataSource());
    Chronos joined = nodes.node(b -> b.transactionManager(tm));
    String name = unique("rollback");
    long schedulesBefore = count("job_schedules", "1 = 1");
    long auditBefore = count("audit_events", "1 = 1");
    new TransactionTemplate(tm)
        .executeWithoutResult(
            status -> {
              joined.jobs().create(system, JobSpec.dummy(name).cron("0 0 3 * * ?", "UTC").build());
              status.setRollbackOnly();
            });
    assertThat(count("jobs", "name = ?", name)).isZero();
    assertThat(count("job_schedules", "1 = 1")).isEqualTo(schedulesBefore);
    assertThat(count("audit_events", "1 = 1")).isEqualTo(auditBefore);
  }

  @Test
  void custom_payload_round_trips_and_its_secret_is_masked_in_the_audit() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.builder(
                        unique("echo"),
                        new EchoPayload("hello", "s3cr3t-token", List.of("one", "two")))
                    .build());
    assertThat(job.type()).isEqualTo(JobType.custom("ECHO"));
    assertThat(job.payload())
        .isEqualTo(new EchoPayload("hello", "s3cr3t-token", List.of("one", "two")));
    JobRun run = awaitRun(chronos.jobs().trigger(system, job.id()).id(), RunStatus.SUCCEEDED);
    assertThat(run.resultSummary()).isEqualTo("hello");
    assertThat(chronos.runs().logs(system, run.id(), PageRequest.first()).items())
        .extracting(RunLog::message)
        .containsExactly("one", "two");
    AuditEvent created =
        chronos.audit().forEntity(system, job.id(), PageRequest.first()).items().get(0);
    assertThat(created.after()).doesNotContain("s3cr3t-token").contains("******").contains("hello");
  }

  @Test
  void listing_filters_by_status_type_tag_and_pages_by_key() {
    User owner = newUser(Role.USER);
    Actor actor = Actor.user(owner.id());
    for (int i = 0; i < 7; i++) {
      chronos
          .jobs()
          .create(actor, JobSpec.dummy("list-" + i).tags(i % 2 == 0 ? "even" : "odd").build());
    }
    chronos
        .jobs()
        .create(actor, JobSpec.builder("list-echo", new EchoPayload("m", "t", List.of())).build());
    Job paused = chronos.jobs().list(actor, JobQuery.all().tag("odd")).items().get(0);
    chronos.jobs().pause(actor, paused.id());

    Page<Job> first = chronos.jobs().list(actor, JobQuery.all().page(PageRequest.first(3)));
    assertThat(first.items()).hasSize(3);
    assertThat(first.hasNext()).isTrue();
    Page<Job> second =
        chronos.jobs().list(actor, JobQuery.all().page(PageRequest.after(first.nextCursor(), 3)));
    Page<Job> third =
        chronos.jobs().list(actor, JobQuery.all().page(PageRequest.after(second.nextCursor(), 3)));
    assertThat(third.hasNext()).isFalse();
    assertThat(List.of(first, second, third))
        .flatExtracting(Page::items)
        .extracting(Job::name)
        .containsExactly(
            "list-0", "list-1", "list-2", "list-3", "list-4", "list-5", "list-6", "list-echo");
    assertThat(chronos.jobs().list(actor, JobQuery.all().tag("even")).items()).hasSize(4);
    assertThat(chronos.jobs().list(actor, JobQuery.all().type(EchoPayload.TYPE)).items())
        .extracting(Job::name)
        .containsExactly("list-echo");
    assertThat(
            chronos
                .jobs()
                .list(actor, JobQuery.all().type(JobType.DUMMY).status(JobStatus.PAUSED))
                .items())
        .extracting(Job::id)
        .containsExactly(paused.id());
  }

  @Test
  void next_fire_times_follow_the_cron_zone_and_fire_once_in_a_repeated_hour() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("dst"))
                    .cron("0 30 2 * * ?", ZoneId.of("Europe/Berlin"))
                    .build());
    Instant before = ZonedDateTime.parse("2030-10-25T12:00:00+02:00[Europe/Berlin]").toInstant();
    List<Instant> next = chronos.jobs().nextFireTimes(system, job.id(), before, 3);
    // 2030-10-27 02:30 happens twice in Berlin (clocks go back 03:00 -> 02:00): one fire only.
    assertThat(next).hasSize(3);
    assertThat(next.get(0)).isEqualTo(Instant.parse("2030-10-26T00:30:00Z"));
    assertThat(next.get(1))
        .isIn(Instant.parse("2030-10-27T00:30:00Z"), Instant.parse("2030-10-27T01:30:00Z"));
    assertThat(next.get(2)).isEqualTo(Instant.parse("2030-10-28T01:30:00Z"));
  }

  @Test
  void a_run_past_its_timeout_is_interrupted_and_timed_out() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("slow"))
                    .payload(DummyPayload.sleep(Duration.ofMinutes(5)))
                    .timeout(Duration.ofMillis(300))
                    .build());
    JobRun run = awaitRun(chronos.jobs().trigger(system, job.id()).id(), RunStatus.TIMED_OUT);
    assertThat(run.error()).contains("timed out");
  }

  @Test
  void an_expired_lease_is_recovered_as_lost_and_the_late_outcome_is_fenced() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("lease"))
                    .payload(DummyPayload.sleep(Duration.ofSeconds(3)))
                    .build());
    JobRun run = chronos.jobs().trigger(system, job.id());
    awaitRun(run.id(), RunStatus.RUNNING);
    // Simulate a node that stopped heartbeating: its lease ends in the past on the database clock.
    jdbc.update(
        "UPDATE " + db.schema() + ".job_runs SET node_id = 'dead-node' WHERE id = ?", run.id());
    jdbc.update(
        "UPDATE " + db.schema() + ".job_runs SET lease_expires_at = ? WHERE id = ?",
        db.dialect().timestamp(Instant.now().minusSeconds(3600)),
        run.id());
    // The node's own heartbeat may be recovering it right now (and skip-lock it from this call).
    chronos.heartbeat();
    JobRun lost = awaitRun(run.id(), RunStatus.LOST);
    assertThat(lost.error()).contains("dead-node");
    JobRun recovery =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    runsOf(job.id()).stream()
                        .filter(r -> r.triggerType() == TriggerType.RECOVERY)
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(recovery.attempt()).isEqualTo(2);
    assertThat(recovery.retryOf()).isEqualTo(run.id());
    assertThat(recovery.scheduledAt()).isEqualTo(run.scheduledAt());
    assertThat(recovery.idempotencyKey()).isEqualTo(run.idempotencyKey());
    awaitRun(recovery.id(), RunStatus.SUCCEEDED);
    // The original worker finishes its sleep later: the fence keeps the run LOST.
    await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
    assertThat(chronos.runs().get(system, run.id()).orElseThrow().status())
        .isEqualTo(RunStatus.LOST);
  }

  @Test
  void close_hands_unfinished_runs_back_to_the_queue() {
    Chronos quick = nodes.node(b -> b.shutdownTimeout(Duration.ofMillis(200))).start();
    Job job =
        quick
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("handback"))
                    .payload(DummyPayload.sleep(Duration.ofMinutes(5)))
                    .build());
    chronos.close();
    JobRun run = quick.jobs().trigger(system, job.id());
    await()
        .atMost(WAIT)
        .until(
            () -> quick.runs().get(system, run.id()).orElseThrow().status() == RunStatus.RUNNING);
    quick.close();
    JobRun back = quick.runs().get(system, run.id()).orElseThrow();
    assertThat(back.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(back.nodeId()).isNull();
    assertThat(back.attempt()).isEqualTo(1);
    nodes.node().jobs().delete(system, job.id());
  }

  @Test
  void log_lines_beyond_the_cap_are_dropped_and_counted() {
    Chronos capped = nodes.node(b -> b.maxLogLinesPerRun(5).logBatchSize(2)).start();
    chronos.close();
    Job job =
        capped
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("cap"))
                    .payload(DummyPayload.succeed().withLogLines(12))
                    .build());
    JobRun run = capped.jobs().trigger(system, job.id());
    await()
        .atMost(WAIT)
        .until(
            () ->
                capped.runs().get(system, run.id()).orElseThrow().status() == RunStatus.SUCCEEDED);
    List<RunLog> logs = capped.runs().logs(system, run.id(), PageRequest.first()).items();
    assertThat(logs).hasSize(6);
    assertThat(logs.get(5).message()).isEqualTo("7 log lines dropped: a run keeps at most 5");
  }

  @Test
  void secret_values_are_encrypted_at_rest_masked_everywhere_and_resolved_for_the_executor() {
    String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    Chronos keyed = nodes.node(b -> b.secretKey(key).executor(new SecretEchoExecutor())).start();
    chronos.close();
    String token = "tok-" + UUID.randomUUID();
    Job job =
        keyed
            .jobs()
            .create(
                system,
                JobSpec.builder(unique("secret"), new SecretPayload("l", Secret.of(token)))
                    .build());
    assertThat(job.payload()).isEqualTo(new SecretPayload("l", Secret.of(token)));
    assertThat(job.payload().toString()).doesNotContain(token);
    assertThat(
            jdbc.queryForObject(
                "SELECT custom_json FROM " + db.schema() + ".job_payloads WHERE job_id = ?",
                String.class,
                job.id()))
        .doesNotContain(token)
        .contains("enc:v1:");
    assertThat(
            keyed.audit().forEntity(system, job.id(), PageRequest.first()).items().get(0).after())
        .doesNotContain(token)
        .contains("******");

    JobRun run = keyed.jobs().trigger(system, job.id());
    JobRun failed =
        await()
            .atMost(WAIT)
            .until(
                () -> keyed.runs().get(system, run.id()).orElseThrow(),
                r -> r.status() == RunStatus.FAILED);
    assertThat(failed.error()).isEqualTo("server refused token ******");
    RunLog line = keyed.runs().logs(system, run.id(), PageRequest.first()).items().get(0);
    assertThat(line.message()).isEqualTo("calling with token ******");
    assertThat(line.context()).containsEntry("header", "Bearer ******");
  }

  @Test
  void secret_references_resolve_at_run_time_and_values_need_a_key() {
    Chronos plain =
        nodes
            .node(
                b ->
                    b.executor(new SecretEchoExecutor())
                        .secretResolver(
                            name ->
                                name.equals("vault:api")
                                    ? java.util.Optional.of("from-vault-123")
                                    : java.util.Optional.empty()))
            .start();
    chronos.close();
    assertThatThrownBy(
            () ->
                plain
                    .jobs()
                    .create(
                        system,
                        JobSpec.builder(
                                unique("nokey"), new SecretPayload("l", Secret.of("x-secret")))
                            .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.getMessage()).contains("secret key").doesNotContain("x-secret"));
    Job byRef =
        plain
            .jobs()
            .create(
                system,
                JobSpec.builder(unique("ref"), new SecretPayload("l", Secret.ref("vault:api")))
                    .build());
    JobRun run = plain.jobs().trigger(system, byRef.id());
    JobRun failed =
        await()
            .atMost(WAIT)
            .until(
                () -> plain.runs().get(system, run.id()).orElseThrow(),
                r -> r.status() == RunStatus.FAILED);
    assertThat(failed.error()).isEqualTo("server refused token ******");
    Job unknown =
        plain
            .jobs()
            .create(
                system,
                JobSpec.builder(
                        unique("unknown-ref"), new SecretPayload("l", Secret.ref("vault:nope")))
                    .build());
    JobRun unresolved = plain.jobs().trigger(system, unknown.id());
    JobRun refused =
        await()
            .atMost(WAIT)
            .until(
                () -> plain.runs().get(system, unresolved.id()).orElseThrow(),
                r -> r.status() == RunStatus.FAILED);
    assertThat(refused.error()).contains("vault:nope");
  }

  @Test
  void audit_chain_verifies_and_reports_the_first_tampered_event() {
    Job job = chronos.jobs().create(system, JobSpec.dummy(unique("audited")).build());
    chronos.jobs().pause(system, job.id());
    chronos.jobs().resume(system, job.id());
    io.chronos.audit.ChainVerification ok = chronos.audit().verify(system);
    assertThat(ok.intact()).isTrue();
    assertThat(ok.checked()).isGreaterThanOrEqualTo(3);
    assertThatThrownBy(() -> chronos.audit().verify(Actor.user(newUser(Role.USER).id())))
        .isInstanceOf(AccessDeniedException.class);

    List<AuditEvent> events =
        chronos.audit().forEntity(system, job.id(), PageRequest.first()).items();
    AuditEvent pause = events.get(1);
    jdbc.update(
        "UPDATE "
            + db.schema()
            + ".audit_events SET after_json = "
            + db.dialect().jsonParam()
            + " WHERE id = ?",
        "{\"status\":\"ACTIVE\"}",
        pause.id());
    io.chronos.audit.ChainVerification broken = chronos.audit().verify(system);
    assertThat(broken.intact()).isFalse();
    assertThat(broken.firstBrokenEventId()).isEqualTo(pause.id());
    assertThat(broken.problem()).contains("content does not match");
  }

  @Test
  void meters_count_runs_by_type_and_outcome_and_gauge_the_queues() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Chronos metered = nodes.node(b -> b.meterRegistry(registry)).start();
    chronos.close();
    Job ok = metered.jobs().create(system, JobSpec.dummy(unique("m-ok")).build());
    Job bad =
        metered
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("m-bad"))
                    .payload(DummyPayload.alwaysFail("x"))
                    .retry(io.chronos.retry.RetryPolicy.noRetries())
                    .build());
    JobRun good = metered.jobs().trigger(system, ok.id());
    JobRun failed = metered.jobs().trigger(system, bad.id());
    await()
        .atMost(WAIT)
        .until(
            () ->
                registry.find("chronos.runs").counters().stream().mapToDouble(c -> c.count()).sum()
                    >= 2);
    assertThat(
            registry
                .get("chronos.runs")
                .tag("type", "DUMMY")
                .tag("outcome", "SUCCEEDED")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
    assertThat(
            registry
                .get("chronos.runs")
                .tag("type", "DUMMY")
                .tag("outcome", "FAILED")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
    assertThat(registry.get("chronos.run.duration").tag("outcome", "SUCCEEDED").timer().count())
        .isGreaterThanOrEqualTo(1);
    assertThat(registry.get("chronos.run.start.lag").tag("type", "DUMMY").timer().count())
        .isGreaterThanOrEqualTo(2);
    await().atMost(WAIT).until(() -> registry.get("chronos.dlq.depth").gauge().value() >= 1);
    assertThat(registry.get("chronos.queue.depth").gauge().value()).isGreaterThanOrEqualTo(0);
    assertThat(metered.runs().get(system, good.id())).isPresent();
    assertThat(metered.runs().get(system, failed.id())).isPresent();
  }

  @Test
  void a_job_read_back_updates_unchanged_through_to_spec_even_after_pause_and_resume() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy(unique("interval"))
                    .every(Duration.ofHours(1), Duration.ofMinutes(5))
                    .tags("a")
                    .timeout(Duration.ofMinutes(1))
                    .build());
    chronos.jobs().pause(system, job.id());
    Job resumed = chronos.jobs().resume(system, job.id());
    assertThat(resumed.schedule())
        .isEqualTo(
            new io.chronos.schedule.Schedule.Interval(Duration.ofHours(1), Duration.ofMinutes(5)));
    Job updated =
        chronos.jobs().update(system, job.id(), resumed.toSpec().description("same job").build());
    assertThat(updated.schedule()).isEqualTo(resumed.schedule());
    assertThat(updated.tags()).containsExactly("a");
    assertThat(updated.timeout()).isEqualTo(Duration.ofMinutes(1));
    List<Instant> next = chronos.jobs().nextFireTimes(system, job.id(), Instant.now(), 2);
    assertThat(next).hasSize(2);
    assertThat(Duration.between(next.get(0), next.get(1))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void a_cron_without_a_zone_takes_the_node_default_zone() {
    Chronos tokyo = nodes.node(b -> b.defaultZone(ZoneId.of("Asia/Tokyo")));
    Job job =
        tokyo.jobs().create(system, JobSpec.dummy(unique("zone")).cron("0 0 9 * * ?").build());
    assertThat(job.schedule())
        .isEqualTo(new io.chronos.schedule.Schedule.Cron("0 0 9 * * ?", "Asia/Tokyo"));
  }

  @Test
  void status_reports_the_heartbeat_and_the_live_nodes() {
    // A name no earlier test of this class used: their nodes may still count as live for a while.
    Chronos idle = nodes.node(b -> b.nodeId(unique("idle")));
    await().atMost(WAIT).until(() -> chronos.status().liveNodes().contains(chronos.nodeId()));
    io.chronos.NodeStatus status = chronos.status();
    assertThat(status.started()).isTrue();
    assertThat(status.leaseFresh(Instant.now())).isTrue();
    assertThat(status.liveNodes()).doesNotContain(idle.nodeId());
    io.chronos.NodeStatus idleStatus = idle.status();
    assertThat(idleStatus.started()).isFalse();
    assertThat(idleStatus.lastHeartbeat()).isNull();
    assertThat(idleStatus.leaseFresh(Instant.now())).isFalse();
  }
}
