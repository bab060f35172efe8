package io.chronos.spring.boot;

import static io.chronos.spring.boot.ChronosAutoConfigurationTests.latestRunStatus;
import static io.chronos.spring.boot.ChronosAutoConfigurationTests.systemJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.job.Job;
import io.chronos.job.JobStatus;
import io.chronos.schedule.Schedule;
import io.chronos.security.Actor;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.NonRetryableException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ChronosJobTests {

  private final String url = "jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  /** Every context of one test shares one database, as the nodes of a cluster or restarts do. */
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  ChronosAutoConfiguration.class))
          .withPropertyValues("spring.datasource.url=" + url, "chronos.poll-interval=50ms");

  @Test
  void an_annotated_method_becomes_a_system_job_that_runs_on_trigger() {
    runner
        .withBean("goodJobs", GoodJobs.class)
        .withPropertyValues("jobs.nightly.zone=Europe/Berlin")
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              Job nightly = systemJob(chronos, "nightly-report");
              assertThat(nightly.ownerId()).isEqualTo(Actor.SYSTEM_USER_ID);
              assertThat(nightly.type()).isEqualTo(MethodJobPayload.TYPE);
              assertThat(nightly.payload()).isEqualTo(new MethodJobPayload("goodJobs", "nightly"));
              assertThat(nightly.schedule())
                  .isEqualTo(Schedule.cron("0 0 2 * * ?", "Europe/Berlin"));
              assertThat(nightly.timeout()).isEqualTo(Duration.ofMinutes(10));
              assertThat(nightly.description()).isEqualTo("Builds the report");
              assertThat(nightly.tags()).containsExactlyInAnyOrder("code-declared", "reports");

              Job every = systemJob(chronos, "goodJobs.every");
              assertThat(every.schedule())
                  .isEqualTo(new Schedule.Interval(Duration.ofSeconds(30), Duration.ofSeconds(30)));

              GoodJobs jobs = context.getBean(GoodJobs.class);
              chronos.jobs().trigger(Actor.system(), nightly.id());
              chronos.jobs().trigger(Actor.system(), every.id());
              await()
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> latestRunStatus(chronos, nightly.id()).equals("SUCCEEDED"));
              await()
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> latestRunStatus(chronos, every.id()).equals("SUCCEEDED"));
              assertThat(jobs.calls).contains("nightly:nightly-report", "every");
              assertThat(
                      chronos
                          .runs()
                          .forJob(Actor.system(), every.id(), io.chronos.PageRequest.first(1))
                          .items()
                          .get(0)
                          .resultSummary())
                  .isEqualTo("done every");
            });
  }

  @Test
  void a_method_that_throws_fails_its_run() {
    runner
        .withBean("failingJobs", FailingJobs.class)
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              Job job = systemJob(chronos, "failingJobs.broken");
              chronos.jobs().trigger(Actor.system(), job.id());
              await()
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> latestRunStatus(chronos, job.id()).equals("FAILED"));
              assertThat(
                      chronos
                          .runs()
                          .forJob(Actor.system(), job.id(), io.chronos.PageRequest.first(1))
                          .items()
                          .get(0)
                          .error())
                  .contains("the remote system said no");
            });
  }

  @Test
  void a_restart_leaves_an_unchanged_job_alone_and_updates_a_changed_one() {
    ApplicationContextRunner node = runner.withBean("goodJobs", GoodJobs.class);
    int[] versions = new int[2];
    String[] ids = new String[1];
    node.withPropertyValues("jobs.nightly.zone=Europe/Berlin")
        .run(
            context -> {
              Job job = systemJob(context.getBean(Chronos.class), "nightly-report");
              ids[0] = job.id();
              versions[0] = job.version();
              versions[1] = systemJob(context.getBean(Chronos.class), "goodJobs.every").version();
            });
    node.withPropertyValues("jobs.nightly.zone=Europe/Berlin")
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              assertThat(systemJob(chronos, "nightly-report").version()).isEqualTo(versions[0]);
              assertThat(systemJob(chronos, "goodJobs.every").version()).isEqualTo(versions[1]);
            });
    node.withPropertyValues("jobs.nightly.zone=America/New_York")
        .run(
            context -> {
              Job job = systemJob(context.getBean(Chronos.class), "nightly-report");
              assertThat(job.id()).isEqualTo(ids[0]);
              assertThat(job.version()).isGreaterThan(versions[0]);
              assertThat(job.schedule())
                  .isEqualTo(Schedule.cron("0 0 2 * * ?", "America/New_York"));
            });
  }

  @Test
  void an_operators_pause_survives_a_restart_with_a_changed_declaration() {
    ApplicationContextRunner node = runner.withBean("goodJobs", GoodJobs.class);
    node.withPropertyValues("jobs.nightly.zone=Europe/Berlin")
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              chronos.jobs().pause(Actor.system(), systemJob(chronos, "nightly-report").id());
            });
    node.withPropertyValues("jobs.nightly.zone=Asia/Tokyo")
        .run(
            context -> {
              Job job = systemJob(context.getBean(Chronos.class), "nightly-report");
              assertThat(job.status()).isEqualTo(JobStatus.PAUSED);
              assertThat(job.schedule()).isEqualTo(Schedule.cron("0 0 2 * * ?", "Asia/Tokyo"));
            });
  }

  @Test
  void removed_declarations_are_paused_only_when_asked_and_resumed_when_declared_again() {
    runner
        .withBean("goodJobs", GoodJobs.class)
        .withBean("otherJobs", OtherJobs.class)
        .withPropertyValues("jobs.nightly.zone=UTC")
        .run(context -> assertThat(context).hasNotFailed());
    runner
        .withBean("goodJobs", GoodJobs.class)
        .withPropertyValues("jobs.nightly.zone=UTC")
        .run(
            context ->
                assertThat(systemJob(context.getBean(Chronos.class), "otherJobs.hourly").status())
                    .isEqualTo(JobStatus.ACTIVE));
    runner
        .withBean("goodJobs", GoodJobs.class)
        .withPropertyValues("jobs.nightly.zone=UTC", "chronos.reconcile.disable-removed=true")
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              Job removed = systemJob(chronos, "otherJobs.hourly");
              assertThat(removed.status()).isEqualTo(JobStatus.PAUSED);
              assertThat(removed.tags()).contains(JobReconciler.REMOVED_TAG);
              assertThat(systemJob(chronos, "nightly-report").status()).isEqualTo(JobStatus.ACTIVE);
            });
    runner
        .withBean("goodJobs", GoodJobs.class)
        .withBean("otherJobs", OtherJobs.class)
        .withPropertyValues("jobs.nightly.zone=UTC", "chronos.reconcile.disable-removed=true")
        .run(
            context -> {
              Job back = systemJob(context.getBean(Chronos.class), "otherJobs.hourly");
              assertThat(back.status()).isEqualTo(JobStatus.ACTIVE);
              assertThat(back.tags()).containsExactly("code-declared");
            });
  }

  @Test
  void concurrency_and_retry_policy_are_declared_on_the_annotation() {
    runner
        .withBean("guardedJobs", GuardedJobs.class)
        .run(
            context -> {
              Job job = systemJob(context.getBean(Chronos.class), "guardedJobs.guarded");
              assertThat(job.concurrency()).isEqualTo(io.chronos.job.Concurrency.FORBID);
              assertThat(job.retryPolicy())
                  .isEqualTo(
                      io.chronos.retry.RetryPolicy.maxAttempts(4)
                          .fixed(Duration.ofSeconds(5))
                          .thenDeadLetter());
            });
  }

  @Test
  void a_bad_retry_policy_stops_start_up_naming_the_method() {
    assertStartUpFails(
        BadRetry.class, "badRetry.run", "retry: multiplier must be between 1 and 100");
  }

  @Test
  void two_schedules_stop_start_up_naming_the_method() {
    assertStartUpFails(TwoSchedules.class, "twoSchedules.both", "two schedules");
  }

  @Test
  void no_schedule_stops_start_up_naming_the_method() {
    assertStartUpFails(NoSchedule.class, "noSchedule.none", "no schedule");
  }

  @Test
  void a_bad_cron_stops_start_up_naming_the_method() {
    assertStartUpFails(BadCron.class, "badCron.run", "invalid cron expression '61 * * * * ?'");
  }

  @Test
  void a_wrong_parameter_stops_start_up_naming_the_method() {
    assertStartUpFails(
        WrongParameter.class,
        "wrongParameter.run",
        "must take no parameter or one io.chronos.spi.ExecutionContext, it takes"
            + " (java.lang.String)");
  }

  @Test
  void an_unresolvable_placeholder_stops_start_up_naming_the_method() {
    assertStartUpFails(MissingPlaceholder.class, "missingPlaceholder.run", "jobs.undefined");
  }

  @Test
  void a_bad_duration_stops_start_up_naming_the_method() {
    assertStartUpFails(BadDuration.class, "badDuration.run", "fixedInterval 'soon'");
  }

  @Test
  void two_methods_declaring_one_name_stop_start_up() {
    assertStartUpFails(DuplicateName.class, "duplicateName.", "is already declared by");
  }

  @Test
  void a_declaration_the_core_refuses_stops_start_up_naming_the_method() {
    assertStartUpFails(InvalidTag.class, "invalidTag.run", "tags");
  }

  private void assertStartUpFails(Class<?> type, String location, String problem) {
    String beanName = location.substring(0, location.indexOf('.'));
    runner
        .withBean(beanName, type)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining("Invalid @ChronosJob on " + location)
                  .hasStackTraceContaining(problem);
            });
  }

  static class GoodJobs {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @ChronosJob(
        name = "nightly-report",
        cron = "0 0 2 * * ?",
        zone = "${jobs.nightly.zone}",
        timeout = "10m",
        description = "Builds the report",
        tags = "reports")
    void nightly(ExecutionContext context) {
      calls.add("nightly:" + context.jobName());
    }

    @ChronosJob(fixedInterval = "PT30S")
    String every() {
      calls.add("every");
      return "done every";
    }
  }

  static class OtherJobs {
    @ChronosJob(cron = "0 0 * * * ?")
    void hourly() {}
  }

  static class FailingJobs {
    @ChronosJob(fixedInterval = "1h")
    void broken() throws NonRetryableException {
      throw new NonRetryableException("the remote system said no");
    }
  }

  static class GuardedJobs {
    @ChronosJob(
        fixedInterval = "1h",
        concurrency = io.chronos.job.Concurrency.FORBID,
        retryMaxAttempts = 4,
        retryBackoff = io.chronos.retry.RetryPolicy.Backoff.FIXED,
        retryDelay = "5s")
    void guarded() {}
  }

  static class BadRetry {
    @ChronosJob(fixedInterval = "1h", retryMaxAttempts = 3, retryMultiplier = 0.5)
    void run() {}
  }

  static class TwoSchedules {
    @ChronosJob(cron = "0 0 2 * * ?", fixedInterval = "30s")
    void both() {}
  }

  static class NoSchedule {
    @ChronosJob
    void none() {}
  }

  static class BadCron {
    @ChronosJob(cron = "61 * * * * ?")
    void run() {}
  }

  static class WrongParameter {
    @ChronosJob(fixedInterval = "30s")
    void run(String text) {}
  }

  static class MissingPlaceholder {
    @ChronosJob(cron = "${jobs.undefined}")
    void run() {}
  }

  static class BadDuration {
    @ChronosJob(fixedInterval = "soon")
    void run() {}
  }

  static class DuplicateName {
    @ChronosJob(name = "same", fixedInterval = "30s")
    void first() {}

    @ChronosJob(name = "same", fixedInterval = "30s")
    void second() {}
  }

  static class InvalidTag {
    @ChronosJob(fixedInterval = "30s", tags = "not a valid tag!")
    void run() {}
  }
}
