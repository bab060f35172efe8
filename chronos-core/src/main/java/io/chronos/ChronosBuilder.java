package io.chronos;

import io.chronos.internal.dialect.Dialect;
import io.chronos.internal.engine.Engine;
import io.chronos.internal.engine.EngineConfig;
import io.chronos.internal.engine.ExecutorRegistry;
import io.chronos.internal.secret.SecretCodec;
import io.chronos.internal.secret.SecretResolution;
import io.chronos.internal.store.SchemaMigrator;
import io.chronos.internal.store.Tables;
import io.chronos.notify.NotificationChannel;
import io.chronos.notify.NotificationRules;
import io.chronos.retry.RetryPolicy;
import io.chronos.secret.SecretResolver;
import io.chronos.spi.JobExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.annotation.Nullable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Configures a {@link Chronos} node. Each method checks its own argument; {@link #build()} fills in
 * the defaults, migrates the schema and logs the effective configuration in one line.
 */
public final class ChronosBuilder {
  private static final Logger log = LoggerFactory.getLogger(ChronosBuilder.class);

  /** The schema Chronos keeps its tables in. */
  public static final String DEFAULT_SCHEMA = "chronos";

  /** Runs executed at once per node. */
  public static final int DEFAULT_WORKER_THREADS = 10;

  /** How often an idle node looks for due runs (a local enqueue wakes it at once). */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

  /** How long a claim holds without renewal; a dead node's runs are recovered after this. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

  /** How long {@link Chronos#close()} lets running runs finish. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** Quartz threads; Quartz runs no jobs (it only keeps cluster membership), so few are needed. */
  public static final int DEFAULT_QUARTZ_THREADS = 4;

  /** How often Quartz nodes check in with the cluster. */
  public static final Duration DEFAULT_CLUSTER_CHECKIN_INTERVAL = Duration.ofMillis(7500);

  /** How late a fire may be before it counts as missed and the job's misfire policy applies. */
  public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofMinutes(1);

  /** The zone of cron schedules created without one. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  /** Whether build() migrates the schema. */
  public static final boolean DEFAULT_MIGRATE = true;

  /** How long ended runs (and their logs) are kept before the retention sweep deletes them. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /** Log lines buffered per run before they are written. */
  public static final int DEFAULT_LOG_BATCH_SIZE = 100;

  /** Log lines kept per run. */
  public static final int DEFAULT_MAX_LOG_LINES_PER_RUN = 10_000;

  /**
   * The retry policy of jobs that have none of their own: 3 attempts, 10 s then 20 s (±10%), then
   * the dead-letter queue. A LOST attempt (its node died) is retried at once.
   */
  public static final RetryPolicy DEFAULT_RETRY_POLICY =
      RetryPolicy.maxAttempts(3)
          .exponential(Duration.ofSeconds(10), 2.0)
          .maxDelay(Duration.ofMinutes(5))
          .jitter(0.1)
          .thenDeadLetter();

  private @Nullable DataSource dataSource;
  private @Nullable PlatformTransactionManager transactionManager;
  private String schema = DEFAULT_SCHEMA;
  private String tablePrefix = "";
  private @Nullable String nodeId;
  private int workerThreads = DEFAULT_WORKER_THREADS;
  private @Nullable Integer claimAhead;
  private Duration pollInterval = DEFAULT_POLL_INTERVAL;
  private Duration lease = DEFAULT_LEASE;
  private @Nullable Duration heartbeatInterval;
  private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
  private int quartzThreads = DEFAULT_QUARTZ_THREADS;
  private Duration clusterCheckinInterval = DEFAULT_CLUSTER_CHECKIN_INTERVAL;
  private Duration misfireThreshold = DEFAULT_MISFIRE_THRESHOLD;
  private int logBatchSize = DEFAULT_LOG_BATCH_SIZE;
  private int maxLogLinesPerRun = DEFAULT_MAX_LOG_LINES_PER_RUN;
  private ZoneId defaultZone = DEFAULT_ZONE;
  private Clock clock = Clock.systemUTC();
  private boolean migrate = DEFAULT_MIGRATE;
  private @Nullable Duration retention = DEFAULT_RETENTION;
  private boolean serviceLoader = true;
  private final List<JobExecutor<?>> executors = new ArrayList<>();
  private final List<SecretResolver> secretResolvers = new ArrayList<>();
  private @Nullable String secretKey;
  private RetryPolicy defaultRetryPolicy = DEFAULT_RETRY_POLICY;
  private @Nullable MeterRegistry meterRegistry;
  private @Nullable ObservationRegistry observationRegistry;
  private final List<NotificationChannel> notificationChannels = new ArrayList<>();
  private NotificationRules defaultNotificationRules = NotificationRules.defaults();

  ChronosBuilder() {}

  /** The host's DataSource (required). */
  public ChronosBuilder dataSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    return this;
  }

  /**
   * The host's transaction manager for that DataSource, so Chronos joins the host's transactions.
   * Without one, Chronos uses a DataSourceTransactionManager of its own.
   */
  public ChronosBuilder transactionManager(PlatformTransactionManager transactionManager) {
    this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
    return this;
  }

  /** The schema (a database on MySQL/MariaDB) for Chronos's tables, default {@code chronos}. */
  public ChronosBuilder schema(String schema) {
    if (schema == null || !Tables.isValidSchema(schema)) {
      throw new IllegalArgumentException(
          "schema must be letters, digits and underscores (at most 63), was " + schema);
    }
    this.schema = schema;
    return this;
  }

  /**
   * A prefix for every Chronos table, index and constraint name (e.g. {@code chronos_}), for a host
   * that cannot give Chronos a schema of its own: then pass the host's schema to {@link #schema}
   * and a prefix here. Every node of a cluster needs the same. Default: none.
   */
  public ChronosBuilder tablePrefix(String prefix) {
    if (!Tables.isValidPrefix(prefix)) {
      throw new IllegalArgumentException(
          "tablePrefix must be empty or letters, digits and underscores (at most 20), was "
              + prefix);
    }
    this.tablePrefix = prefix;
    return this;
  }

  /** This node's id, unique in the cluster; default host name plus a random suffix. */
  public ChronosBuilder nodeId(String nodeId) {
    if (nodeId == null || nodeId.isBlank() || nodeId.length() > 100) {
      throw new IllegalArgumentException("nodeId must be 1 to 100 characters, was " + nodeId);
    }
    this.nodeId = nodeId;
    return this;
  }

  /** How many runs this node executes at once (1 to 1000). */
  public ChronosBuilder workerThreads(int workerThreads) {
    if (workerThreads < 1 || workerThreads > 1000) {
      throw new IllegalArgumentException("workerThreads must be 1 to 1000, was " + workerThreads);
    }
    this.workerThreads = workerThreads;
    return this;
  }

  /**
   * How many runs a claim may take beyond this node's free workers while due runs queue up (0 to
   * 1000; default half the worker threads; 0 turns claim-ahead off). A worker that frees up then
   * starts its next run at once instead of waiting for a claim's round trip to the database. The
   * node takes no more ahead than the workers that freed up since its last claim, and hands a run
   * that waited a poll interval without a free worker back to the queue.
   */
  public ChronosBuilder claimAhead(int claimAhead) {
    if (claimAhead < 0 || claimAhead > 1000) {
      throw new IllegalArgumentException("claimAhead must be 0 to 1000, was " + claimAhead);
    }
    this.claimAhead = claimAhead;
    return this;
  }

  /** How often an idle node looks for due runs (10 ms to 1 minute). */
  public ChronosBuilder pollInterval(Duration pollInterval) {
    this.pollInterval =
        between("pollInterval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(1));
    return this;
  }

  /** How long a claim holds without renewal (1 second to 1 hour). */
  public ChronosBuilder lease(Duration lease) {
    this.lease = between("lease", lease, Duration.ofSeconds(1), Duration.ofHours(1));
    return this;
  }

  /** How often leases are renewed and expired ones recovered; default a third of the lease. */
  public ChronosBuilder heartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval =
        between(
            "heartbeatInterval", heartbeatInterval, Duration.ofMillis(100), Duration.ofMinutes(20));
    return this;
  }

  /** How long {@link Chronos#close()} lets running runs finish (0 to 1 hour). */
  public ChronosBuilder shutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout =
        between("shutdownTimeout", shutdownTimeout, Duration.ZERO, Duration.ofHours(1));
    return this;
  }

  /** Size of Quartz's thread pool (1 to 100); Quartz runs no jobs, it keeps cluster membership. */
  public ChronosBuilder quartzThreads(int quartzThreads) {
    if (quartzThreads < 1 || quartzThreads > 100) {
      throw new IllegalArgumentException("quartzThreads must be 1 to 100, was " + quartzThreads);
    }
    this.quartzThreads = quartzThreads;
    return this;
  }

  /** How often Quartz nodes check in (1 second to 5 minutes). */
  public ChronosBuilder clusterCheckinInterval(Duration interval) {
    this.clusterCheckinInterval =
        between("clusterCheckinInterval", interval, Duration.ofSeconds(1), Duration.ofMinutes(5));
    return this;
  }

  /**
   * How late a fire may be before it counts as missed and the job's {@link
   * io.chronos.schedule.Misfire} policy applies (1 second to 1 day), on this node's {@link
   * #clock(java.time.Clock) clock}. Checked at start and at every heartbeat.
   */
  public ChronosBuilder misfireThreshold(Duration threshold) {
    this.misfireThreshold =
        between("misfireThreshold", threshold, Duration.ofSeconds(1), Duration.ofDays(1));
    return this;
  }

  /** Log lines buffered per run before a write (1 to 10,000). */
  public ChronosBuilder logBatchSize(int logBatchSize) {
    if (logBatchSize < 1 || logBatchSize > 10_000) {
      throw new IllegalArgumentException("logBatchSize must be 1 to 10000, was " + logBatchSize);
    }
    this.logBatchSize = logBatchSize;
    return this;
  }

  /** Log lines kept per run (1 to 1,000,000); the rest are counted in one WARN line. */
  public ChronosBuilder maxLogLinesPerRun(int maxLines) {
    if (maxLines < 1 || maxLines > 1_000_000) {
      throw new IllegalArgumentException("maxLogLinesPerRun must be 1 to 1000000, was " + maxLines);
    }
    this.maxLogLinesPerRun = maxLines;
    return this;
  }

  /** The zone for cron schedules created without one (default UTC). */
  public ChronosBuilder defaultZone(ZoneId zone) {
    this.defaultZone = Objects.requireNonNull(zone, "defaultZone");
    return this;
  }

  /** The clock of every scheduling decision (default the system clock in UTC). */
  public ChronosBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How long ended runs and their log lines are kept (1 hour to 100 years, default 30 days); runs a
   * dead-letter event refers to are kept, audit events always. {@link #keepHistoryForever()} turns
   * the sweep off.
   */
  public ChronosBuilder retention(Duration retention) {
    this.retention = between("retention", retention, Duration.ofHours(1), Duration.ofDays(36_500));
    return this;
  }

  /** Never deletes run history. */
  public ChronosBuilder keepHistoryForever() {
    this.retention = null;
    return this;
  }

  /** Whether build() migrates the schema (default true). */
  public ChronosBuilder migrate(boolean migrate) {
    this.migrate = migrate;
    return this;
  }

  /** Whether executors on the class path are found through ServiceLoader (default true). */
  public ChronosBuilder serviceLoader(boolean enabled) {
    this.serviceLoader = enabled;
    return this;
  }

  /** Registers an executor; it replaces one of the same type found through ServiceLoader. */
  public ChronosBuilder executor(JobExecutor<?> executor) {
    executors.add(Objects.requireNonNull(executor, "executor"));
    return this;
  }

  /**
   * The AES-256 key (32 bytes, base64) that encrypts secrets given as values ({@code
   * Secret.of(...)}). Every node of a cluster needs the same key. Without one, only secret
   * references ({@code Secret.ref(...)}) can be saved. Generate one with {@code openssl rand
   * -base64 32}.
   */
  public ChronosBuilder secretKey(String base64Key) {
    SecretCodec.parseKey(Objects.requireNonNull(base64Key, "secretKey"));
    this.secretKey = base64Key;
    return this;
  }

  /**
   * Adds a resolver for secret references (a vault, the host's configuration). Resolvers are asked
   * in the order added, before the built-in {@code env:} and {@code sys:} ones.
   */
  public ChronosBuilder secretResolver(SecretResolver resolver) {
    secretResolvers.add(Objects.requireNonNull(resolver, "secretResolver"));
    return this;
  }

  /** The retry policy of jobs without one of their own (default {@link #DEFAULT_RETRY_POLICY}). */
  public ChronosBuilder defaultRetryPolicy(RetryPolicy policy) {
    this.defaultRetryPolicy = Objects.requireNonNull(policy, "defaultRetryPolicy");
    return this;
  }

  /**
   * Records Micrometer meters: {@code chronos.runs}, {@code chronos.run.duration}, {@code
   * chronos.run.start.lag}, {@code chronos.queue.depth}, {@code chronos.dlq.depth}.
   */
  public ChronosBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
    return this;
  }

  /**
   * Observes each run as a Micrometer {@code Observation} named {@code chronos.run} (a span when
   * the host has tracing): low-cardinality key values {@code chronos.job.type} and {@code
   * chronos.outcome}, high-cardinality {@code chronos.job.id}, {@code chronos.run.id} and {@code
   * chronos.attempt}; a failed or timed-out run records its error.
   */
  public ChronosBuilder observationRegistry(ObservationRegistry registry) {
    this.observationRegistry = Objects.requireNonNull(registry, "observationRegistry");
    return this;
  }

  /**
   * Registers a notification channel (a {@code WebhookChannel}, an e-mail channel, your own) under
   * its name, for jobs' rules to use. The in-app channel ({@code in-app}) is always there.
   */
  public ChronosBuilder notificationChannel(NotificationChannel channel) {
    Objects.requireNonNull(channel, "notificationChannel");
    if (NotificationRules.IN_APP.equals(channel.name())) {
      throw new IllegalArgumentException(
          "'" + NotificationRules.IN_APP + "' is the built-in channel");
    }
    notificationChannels.add(channel);
    return this;
  }

  /** The notification rules of jobs without their own (default: dead letters, in-app). */
  public ChronosBuilder defaultNotificationRules(NotificationRules rules) {
    this.defaultNotificationRules = Objects.requireNonNull(rules, "defaultNotificationRules");
    return this;
  }

  /** Builds the node: migrates the schema (unless disabled) and creates the scheduler. */
  public Chronos build() {
    if (dataSource == null) {
      throw new IllegalStateException("Chronos needs a DataSource: call dataSource(...)");
    }
    Duration heartbeat = heartbeatInterval != null ? heartbeatInterval : lease.dividedBy(3);
    if (heartbeat.compareTo(lease) >= 0) {
      throw new IllegalStateException(
          "heartbeatInterval (" + heartbeat + ") must be shorter than the lease (" + lease + ")");
    }
    String node = nodeId != null ? nodeId : defaultNodeId();
    Dialect dialect = Dialect.detect(dataSource);
    if (migrate) {
      int applied = SchemaMigrator.migrate(dataSource, dialect, schema, tablePrefix);
      if (applied > 0) {
        log.info("Chronos schema '{}' migrated: {} migrations applied", schema, applied);
      }
    }
    EngineConfig config =
        new EngineConfig(
            node,
            workerThreads,
            claimAhead != null ? claimAhead : workerThreads / 2,
            pollInterval,
            lease,
            heartbeat,
            shutdownTimeout,
            logBatchSize,
            maxLogLinesPerRun,
            defaultZone,
            clock,
            retention);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ExecutorRegistry registry =
        ExecutorRegistry.create(
            executors, serviceLoader, loader != null ? loader : Chronos.class.getClassLoader());
    Engine engine =
        new Engine(
            dataSource,
            transactionManager,
            dialect,
            schema,
            tablePrefix,
            config,
            new Engine.QuartzOptions(quartzThreads, clusterCheckinInterval, misfireThreshold),
            registry,
            new SecretCodec(secretKey),
            new SecretResolution(secretResolvers),
            defaultRetryPolicy,
            meterRegistry,
            observationRegistry,
            notificationChannels,
            defaultNotificationRules);
    log.info(
        "Chronos node {} on {} schema '{}': workers={}, claimAhead={}, poll={}, lease={},"
            + " heartbeat={}, shutdownTimeout={}, quartzThreads={}, secretKey={}, executors={}",
        node,
        dialect,
        schema,
        workerThreads,
        config.claimAhead(),
        pollInterval,
        lease,
        heartbeat,
        shutdownTimeout,
        quartzThreads,
        secretKey == null ? "none" : "set",
        registry.types());
    return new Chronos(engine);
  }

  private static Duration between(String name, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  private static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    if (host.length() > 80) {
      host = host.substring(0, 80);
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
