package io.chronos.internal.quartz;

import io.chronos.ChronosException;
import io.chronos.internal.dialect.Dialect;
import io.chronos.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.DirectSchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.simpl.SimpleThreadPool;

/**
 * Chronos's use of Quartz: one durable Quartz job and one trigger per recurring Chronos job, in the
 * clustered JDBC store. Quartz computes fire times (cron with zones, intervals, misfires) and fires
 * each trigger on exactly one node; the fire only queues a run. Every method that changes Quartz
 * must be called inside the caller's Spring transaction.
 */
public final class QuartzBridge {
  private final Scheduler scheduler;

  /** Settings of the Quartz side of a node. */
  public record Settings(
      String nodeId,
      String tablePrefix,
      Dialect dialect,
      int threads,
      Duration clusterCheckinInterval,
      Duration misfireThreshold) {}

  public QuartzBridge(DataSource dataSource, Settings settings, FireJob.FireSink sink) {
    ChronosJobStore store = new ChronosJobStore(dataSource);
    store.setTablePrefix(settings.tablePrefix());
    store.setIsClustered(true);
    store.setUseProperties("true");
    store.setClusterCheckinInterval(settings.clusterCheckinInterval().toMillis());
    store.setMisfireThreshold(settings.misfireThreshold().toMillis());
    try {
      store.setDriverDelegateClass(settings.dialect().quartzDelegate());
    } catch (Exception e) {
      throw new ChronosException(
          "Invalid Quartz delegate " + settings.dialect().quartzDelegate(), e);
    }
    SimpleThreadPool pool = new SimpleThreadPool(settings.threads(), Thread.NORM_PRIORITY);
    pool.setThreadNamePrefix("chronos-quartz-" + settings.nodeId());
    pool.setMakeThreadsDaemons(true);
    store.setMakeThreadsDaemons(true);
    this.scheduler = create(settings, pool, store);
    try {
      scheduler.setJobFactory((bundle, s) -> new FireJob(sink));
    } catch (SchedulerException e) {
      throw new ChronosException("Cannot configure Quartz", e);
    }
  }

  private static Scheduler create(Settings settings, SimpleThreadPool pool, ChronosJobStore store) {
    // Quartz keeps schedulers in a JVM-wide registry by name, and every Chronos node of a cluster
    // must use the same name. Create and unregister under one lock so nodes in one JVM coexist.
    synchronized (SchedulerRepository.class) {
      SchedulerRepository repository = SchedulerRepository.getInstance();
      repository.remove(QuartzNames.SCHEDULER_NAME);
      try {
        DirectSchedulerFactory.getInstance()
            .createScheduler(
                QuartzNames.SCHEDULER_NAME,
                settings.nodeId(),
                pool,
                new org.quartz.impl.DefaultThreadExecutor(),
                store,
                null,
                null,
                0,
                -1,
                -1,
                false,
                null,
                settings.threads(),
                1000);
        Scheduler created = repository.lookup(QuartzNames.SCHEDULER_NAME);
        repository.remove(QuartzNames.SCHEDULER_NAME);
        return created;
      } catch (SchedulerException e) {
        throw new ChronosException("Cannot create the Quartz scheduler: " + e.getMessage(), e);
      }
    }
  }

  /** Starts firing triggers. */
  public void start() {
    call(() -> scheduler.start());
  }

  /** Stops firing and waits for running fires (each is one insert) to end. */
  public void shutdown() {
    call(() -> scheduler.shutdown(true));
  }

  /**
   * Makes Quartz match the job: no trigger for one-time and manual jobs or disabled ones; a paused
   * trigger for paused ones.
   */
  public void sync(
      String jobId, Schedule schedule, Instant startAt, boolean active, boolean paused) {
    JobKey key = JobKey.jobKey(jobId, QuartzNames.GROUP);
    call(() -> scheduler.deleteJob(key));
    Trigger trigger = trigger(jobId, schedule, startAt);
    if (trigger == null || !active) {
      return;
    }
    JobDetail detail = JobBuilder.newJob(FireJob.class).withIdentity(key).storeDurably().build();
    call(() -> scheduler.scheduleJob(detail, Set.of(trigger), true));
    if (paused) {
      call(() -> scheduler.pauseJob(key));
    }
  }

  public void pause(String jobId) {
    call(() -> scheduler.pauseJob(JobKey.jobKey(jobId, QuartzNames.GROUP)));
  }

  public void resume(String jobId) {
    call(() -> scheduler.resumeJob(JobKey.jobKey(jobId, QuartzNames.GROUP)));
  }

  public void delete(String jobId) {
    call(() -> scheduler.deleteJob(JobKey.jobKey(jobId, QuartzNames.GROUP)));
  }

  private static Trigger trigger(String jobId, Schedule schedule, Instant startAt) {
    TriggerBuilder<Trigger> builder =
        TriggerBuilder.newTrigger()
            .withIdentity(jobId, QuartzNames.GROUP)
            .forJob(jobId, QuartzNames.GROUP)
            .startAt(Date.from(startAt));
    if (schedule instanceof Schedule.Cron cron) {
      return builder
          .withSchedule(
              CronScheduleBuilder.cronSchedule(cron.expression())
                  .inTimeZone(TimeZone.getTimeZone(cron.zone()))
                  .withMisfireHandlingInstructionFireAndProceed())
          .build();
    }
    if (schedule instanceof Schedule.Interval interval) {
      return builder
          .withSchedule(
              SimpleScheduleBuilder.simpleSchedule()
                  .withIntervalInMilliseconds(interval.every().toMillis())
                  .repeatForever()
                  .withMisfireHandlingInstructionNowWithExistingCount())
          .build();
    }
    // One-time and manual jobs queue their runs directly; Quartz has no part in them.
    return null;
  }

  @FunctionalInterface
  private interface QuartzCall {
    void run() throws SchedulerException;
  }

  private static void call(QuartzCall call) {
    try {
      call.run();
    } catch (SchedulerException e) {
      throw new ChronosException("Quartz failed: " + e.getMessage(), e);
    }
  }
}
