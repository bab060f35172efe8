package io.chronos.internal.quartz;

import io.chronos.ChronosException;
import io.chronos.internal.dialect.Dialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.DirectSchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleThreadPool;

/**
 * Chronos's use of Quartz: cluster membership. Every node runs a clustered Quartz scheduler on the
 * JDBC store, which checks in to {@code QRTZ_SCHEDULER_STATE}; that table is the cluster's list of
 * live nodes ({@code Chronos.status()}, health). Quartz fires nothing: recurring jobs are fired by
 * Chronos's fire poller from {@code job_schedules.next_fire_at} (Quartz's trigger lock allowed only
 * 10 to 30 fires a second across a cluster, see docs/benchmarks.md). Quartz jobs and triggers that
 * earlier versions created for recurring jobs are deleted at start.
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

  public QuartzBridge(DataSource dataSource, Settings settings) {
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

  /**
   * Deletes the Quartz jobs and triggers earlier versions created for recurring jobs; returns how
   * many. Call inside a Spring transaction.
   */
  public int deleteEarlierJobs() {
    List<JobKey> earlier = new ArrayList<>();
    call(
        () -> earlier.addAll(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzNames.GROUP))));
    if (!earlier.isEmpty()) {
      call(() -> scheduler.deleteJobs(earlier));
    }
    return earlier.size();
  }

  /** Joins the cluster: starts checking in. */
  public void start() {
    call(() -> scheduler.start());
  }

  /** Leaves the cluster. */
  public void shutdown() {
    call(() -> scheduler.shutdown(true));
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
