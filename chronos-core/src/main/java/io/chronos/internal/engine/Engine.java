package io.chronos.internal.engine;

import io.chronos.NodeStatus;
import io.chronos.audit.AuditTrail;
import io.chronos.dlq.DeadLetters;
import io.chronos.internal.dialect.Dialect;
import io.chronos.internal.notify.InAppChannel;
import io.chronos.internal.notify.Notifier;
import io.chronos.internal.quartz.QuartzBridge;
import io.chronos.internal.quartz.QuartzNames;
import io.chronos.internal.secret.SecretCodec;
import io.chronos.internal.secret.SecretResolution;
import io.chronos.internal.store.AuditChain;
import io.chronos.internal.store.AuditRepository;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.DlqRepository;
import io.chronos.internal.store.FirePlanRepository;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.LogRepository;
import io.chronos.internal.store.NotificationRepository;
import io.chronos.internal.store.PayloadColumns;
import io.chronos.internal.store.RetryPolicyRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.Tables;
import io.chronos.internal.store.UserRepository;
import io.chronos.job.Jobs;
import io.chronos.notify.Inbox;
import io.chronos.notify.NotificationChannel;
import io.chronos.notify.NotificationRules;
import io.chronos.retry.RetryPolicy;
import io.chronos.run.Runs;
import io.chronos.security.Users;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.annotation.Nullable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires one node: store, Quartz, dispatcher, heartbeat and the services of the public API. */
public final class Engine {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final EngineConfig config;
  private final Db db;
  private final RunRepository runs;
  private final QuartzBridge quartz;
  private final FirePlanner firePlanner;
  private final FirePoller firePoller;
  private final MisfireSweep misfireSweep;
  private final RunDispatcher dispatcher;
  private final LeaseKeeper leaseKeeper;
  private final JobService jobService;
  private final RunService runService;
  private final UserService userService;
  private final AuditService auditService;
  private final DlqService dlqService;
  private final ExecutorRegistry executors;
  private final DlqRepository dlq;
  private final Notifier notifier;
  private final InboxService inbox;
  private State state = State.NEW;

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  /** Quartz-side settings that are not part of {@link EngineConfig}. */
  public record QuartzOptions(
      int threads, Duration clusterCheckinInterval, Duration misfireThreshold) {}

  public Engine(
      DataSource dataSource,
      @Nullable PlatformTransactionManager transactionManager,
      Dialect dialect,
      String schema,
      String tablePrefix,
      EngineConfig config,
      QuartzOptions quartzOptions,
      ExecutorRegistry executors,
      SecretCodec secretCodec,
      SecretResolution secretResolution,
      RetryPolicy defaultRetryPolicy,
      @Nullable MeterRegistry meterRegistry,
      @Nullable ObservationRegistry observationRegistry,
      List<NotificationChannel> notificationChannels,
      NotificationRules defaultNotificationRules) {
    this.config = config;
    this.executors = executors;
    Tables tables = new Tables(dialect.storedIdentifier(schema), tablePrefix);
    this.db = new Db(dataSource, transactionManager, dialect, tables, config.clock());
    PayloadColumns payloads = new PayloadColumns(executors::customPayloadClass, secretCodec);
    JobRepository jobs = new JobRepository(db, payloads);
    this.runs = new RunRepository(db, payloads);
    LogRepository logs = new LogRepository(db);
    UserRepository users = new UserRepository(db);
    AuditRepository audit = new AuditRepository(db);
    Auditor auditor = new Auditor(audit, config.nodeId(), config.clock());
    this.dispatcher = new RunDispatcher(db, runs, logs, executors, config, secretResolution);
    RetryPolicyRepository retryPolicies = new RetryPolicyRepository(db);
    this.dlq = new DlqRepository(db);
    Map<String, NotificationChannel> channels = new LinkedHashMap<>();
    NotificationRepository notificationRepository = new NotificationRepository(db);
    this.inbox = new InboxService(db, notificationRepository);
    channels.put(NotificationRules.IN_APP, new InAppChannel(db, notificationRepository));
    for (NotificationChannel channel : notificationChannels) {
      channels.put(channel.name(), channel);
    }
    this.notifier = new Notifier(channels, config.nodeId());
    RunNotifications notifications =
        new RunNotifications(
            notifier, defaultNotificationRules, runs, config.nodeId(), config.clock());
    FailureHandler failures =
        new FailureHandler(
            jobs,
            runs,
            retryPolicies,
            dlq,
            notifications,
            defaultRetryPolicy,
            config.clock(),
            new SplittableRandom(),
            dispatcher::wakeUp);
    dispatcher.wire(
        failures,
        new RunMetrics(meterRegistry, runs, dlq, config.clock()),
        notifications,
        new RunObservation(observationRegistry));
    this.quartz =
        new QuartzBridge(
            dataSource,
            new QuartzBridge.Settings(
                config.nodeId(),
                tables.quartzPrefix,
                dialect,
                quartzOptions.threads(),
                quartzOptions.clusterCheckinInterval(),
                quartzOptions.misfireThreshold()));
    FirePlanRepository plans = new FirePlanRepository(db);
    this.firePlanner = new FirePlanner(db, jobs, plans, runs, this::planChanged);
    this.firePoller =
        new FirePoller(
            db,
            plans,
            firePlanner,
            quartzOptions.misfireThreshold(),
            config.pollInterval(),
            config.clock(),
            dispatcher::wakeUp,
            config.nodeId());
    this.misfireSweep =
        new MisfireSweep(
            db,
            jobs,
            plans,
            firePlanner,
            quartzOptions.misfireThreshold(),
            config.clock(),
            dispatcher::wakeUp);
    this.leaseKeeper =
        new LeaseKeeper(
            db,
            runs,
            dispatcher,
            failures,
            config,
            List.of(
                new LeaseKeeper.Chore("misfire sweep", misfireSweep::sweep),
                new LeaseKeeper.Chore("audit sealing", new AuditChain(db)::sealPending),
                new LeaseKeeper.Chore(
                    "retention",
                    new RetentionSweep(runs, config.retention(), config.clock())::sweep)));
    this.jobService =
        new JobService(
            db,
            jobs,
            runs,
            users,
            payloads,
            firePlanner,
            executors,
            auditor,
            dispatcher::wakeUp,
            notifier.channelNames(),
            config.defaultZone());
    this.runService =
        new RunService(
            db,
            runs,
            logs,
            jobs,
            auditor,
            runId -> dispatcher.stop(runId, RunContext.StopReason.CANCELLED));
    this.userService = new UserService(db, users, auditor);
    AuditChain chain = new AuditChain(db);
    this.auditService = new AuditService(audit, jobs, chain);
    this.dlqService = new DlqService(db, dlq, jobs, runs, auditor, dispatcher::wakeUp);
  }

  /** A fire plan changed on this node: the fire poller looks again. */
  private void planChanged() {
    firePoller.wakeUp();
  }

  public synchronized void start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Chronos node " + config.nodeId() + " is closed");
    }
    if (state == State.STARTED) {
      return;
    }
    // Catch up what was missed while no node ran, then fire what comes due.
    int earlier = db.inTransaction(quartz::deleteEarlierJobs);
    if (earlier > 0) {
      log.info(
          "Deleted {} Quartz job(s) of an earlier version: Chronos fires them itself", earlier);
    }
    firePlanner.planUnplanned();
    misfireSweep.sweep();
    quartz.start();
    dispatcher.start();
    firePoller.start();
    leaseKeeper.start();
    state = State.STARTED;
    log.info(
        "Chronos node {} started: {} workers, poll {}, lease {}, heartbeat {}, executors {}",
        config.nodeId(),
        config.workerThreads(),
        config.pollInterval(),
        config.lease(),
        config.heartbeatInterval(),
        executors.types());
  }

  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean started = state == State.STARTED;
    state = State.CLOSED;
    if (started) {
      firePoller.close();
      dispatcher.close(config.shutdownTimeout());
      leaseKeeper.close();
    }
    quartz.shutdown();
    notifier.close();
    log.info("Chronos node {} stopped", config.nodeId());
  }

  public synchronized boolean isStarted() {
    return state == State.STARTED;
  }

  public Jobs jobs() {
    return jobService;
  }

  public Runs runs() {
    return runService;
  }

  public Users users() {
    return userService;
  }

  public AuditTrail audit() {
    return auditService;
  }

  public Inbox inbox() {
    return inbox;
  }

  public DeadLetters deadLetters() {
    return dlqService;
  }

  public EngineConfig config() {
    return config;
  }

  /** This node's heartbeat and the cluster's live nodes. */
  public NodeStatus status() {
    List<String> live =
        db.jdbc()
            .queryForList(
                "SELECT INSTANCE_NAME FROM "
                    + db.tables().quartzPrefix
                    + "SCHEDULER_STATE WHERE SCHED_NAME = ?"
                    + " AND LAST_CHECKIN_TIME + 2 * CHECKIN_INTERVAL >= ? ORDER BY INSTANCE_NAME",
                String.class,
                QuartzNames.SCHEDULER_NAME,
                System.currentTimeMillis());
    return new NodeStatus(
        config.nodeId(), isStarted(), leaseKeeper.lastBeat(), config.lease(), live);
  }

  /**
   * Runs one heartbeat now (renew, stop lost runs, recover expired leases, catch up misfired
   * recurring jobs), then fires the recurring jobs that are due on the node's clock.
   */
  public void heartbeat() {
    leaseKeeper.beat();
    firePoller.fireDue(true);
  }
}
