package io.chronos.spring.boot;

import io.chronos.ChronosBuilder;
import io.chronos.retry.RetryPolicy;
import java.time.Duration;
import java.time.ZoneId;
import javax.annotation.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code chronos.*} properties. Defaults are those of {@link ChronosBuilder}; each value is
 * checked by the builder when the node is built, and a bad one stops the application with a message
 * naming the option.
 */
@ConfigurationProperties("chronos")
public class ChronosProperties {

  /** Whether to auto-configure a Chronos node. */
  private boolean enabled = true;

  /**
   * The schema (a database on MySQL/MariaDB) of Chronos's tables and Flyway history, kept apart
   * from the application's own tables.
   */
  private String schema = ChronosBuilder.DEFAULT_SCHEMA;

  /** This node's id, unique in the cluster. Default: the host name plus a random suffix. */
  private @Nullable String nodeId;

  /**
   * A prefix for every Chronos table, index and constraint name, for hosts that cannot give Chronos
   * a schema of its own (then set {@link #schema} to the host's schema); empty for none.
   */
  private String tablePrefix = "";

  public String getTablePrefix() {
    return tablePrefix;
  }

  public void setTablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
  }

  /** How many runs this node executes at once (1 to 1000). */
  private int workerThreads = ChronosBuilder.DEFAULT_WORKER_THREADS;

  /**
   * How many runs a claim may take beyond the free workers while due runs queue up (0 to 1000;
   * default half the worker threads; 0 turns claim-ahead off).
   */
  private @Nullable Integer claimAhead;

  /** How often an idle node looks for due runs (10 ms to 1 minute). */
  private Duration pollInterval = ChronosBuilder.DEFAULT_POLL_INTERVAL;

  /**
   * How long a claimed run stays this node's without a renewal (1 second to 1 hour); a dead node's
   * runs are recovered after about this long.
   */
  private Duration lease = ChronosBuilder.DEFAULT_LEASE;

  /**
   * How often leases are renewed and expired ones recovered (100 ms to 20 minutes, shorter than the
   * lease). Default: a third of the lease.
   */
  private @Nullable Duration heartbeatInterval;

  /**
   * How long shutdown lets running runs finish before handing them back to the queue for another
   * node (0 to 1 hour).
   */
  private Duration shutdownTimeout = ChronosBuilder.DEFAULT_SHUTDOWN_TIMEOUT;

  /** Size of Quartz's thread pool (1 to 100); Quartz runs no jobs, it keeps cluster membership. */
  private int quartzThreads = ChronosBuilder.DEFAULT_QUARTZ_THREADS;

  /** How often the node checks in with Quartz's cluster (1 second to 5 minutes). */
  private Duration clusterCheckinInterval = ChronosBuilder.DEFAULT_CLUSTER_CHECKIN_INTERVAL;

  /** How late a trigger may fire before its misfire rule applies (1 second to 1 day). */
  private Duration misfireThreshold = ChronosBuilder.DEFAULT_MISFIRE_THRESHOLD;

  /** The time zone of cron schedules declared without one, @ChronosJob's included. */
  private ZoneId defaultZone = ZoneId.of("UTC");

  /** Whether to migrate Chronos's schema with its own Flyway migrations at start-up. */
  private boolean migrate = true;

  /** How @ChronosJob declarations are reconciled with the database at start-up. */
  private final Reconcile reconcile = new Reconcile();

  /**
   * How long ended runs and their logs are kept; dead-lettered runs and audit events are kept
   * always.
   */
  private Duration retention = ChronosBuilder.DEFAULT_RETENTION;

  /** Never delete run history (overrides {@link #retention}). */
  private boolean keepHistoryForever = false;

  /** The retry policy of jobs without their own. */
  private final Retry retry = new Retry();

  public Duration getRetention() {
    return retention;
  }

  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  public boolean isKeepHistoryForever() {
    return keepHistoryForever;
  }

  public void setKeepHistoryForever(boolean keepHistoryForever) {
    this.keepHistoryForever = keepHistoryForever;
  }

  public Retry getRetry() {
    return retry;
  }

  /**
   * {@code chronos.retry.*}: the node's default retry policy; by default {@code
   * ChronosBuilder.DEFAULT_RETRY_POLICY} (3 attempts, 10 s doubling, at most 5 min, 10 % jitter).
   */
  public static class Retry {
    /** Attempts in all (1 = no retry). */
    private int maxAttempts = ChronosBuilder.DEFAULT_RETRY_POLICY.maxAttempts();

    /** NONE, FIXED or EXPONENTIAL. */
    private RetryPolicy.Backoff backoff = ChronosBuilder.DEFAULT_RETRY_POLICY.backoff();

    /** The first (FIXED: every) delay. */
    private Duration initialDelay = ChronosBuilder.DEFAULT_RETRY_POLICY.initialDelay();

    /** EXPONENTIAL growth per retry. */
    private double multiplier = ChronosBuilder.DEFAULT_RETRY_POLICY.multiplier();

    /** EXPONENTIAL cap. */
    private @Nullable Duration maxDelay = ChronosBuilder.DEFAULT_RETRY_POLICY.maxDelay();

    /** Random spread of each delay, 0 to 1. */
    private double jitter = ChronosBuilder.DEFAULT_RETRY_POLICY.jitter();

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public RetryPolicy.Backoff getBackoff() {
      return backoff;
    }

    public void setBackoff(RetryPolicy.Backoff backoff) {
      this.backoff = backoff;
    }

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    public double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(double multiplier) {
      this.multiplier = multiplier;
    }

    public @Nullable Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(@Nullable Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public double getJitter() {
      return jitter;
    }

    public void setJitter(double jitter) {
      this.jitter = jitter;
    }

    RetryPolicy toPolicy() {
      return RetryPolicy.of(
          maxAttempts,
          maxAttempts == 1 ? RetryPolicy.Backoff.NONE : backoff,
          initialDelay,
          multiplier,
          backoff == RetryPolicy.Backoff.EXPONENTIAL ? maxDelay : null,
          maxAttempts == 1 ? 0.0 : jitter,
          java.util.Set.of(),
          java.util.Set.of());
    }
  }

  /** Health indicator settings. */
  private final Health health = new Health();

  /**
   * The AES-256 key (32 bytes, base64) that encrypts secrets given as values; every node needs the
   * same one. Without it, only secret references can be saved.
   */
  private @Nullable String secretKey;

  public Health getHealth() {
    return health;
  }

  public @Nullable String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(@Nullable String secretKey) {
    this.secretKey = secretKey;
  }

  /** Settings of the {@code chronos} health indicator. */
  public static class Health {
    /**
     * Above this many pending dead-letter events the health reports {@link #dlqStatus}; 0 turns the
     * check off.
     */
    private long dlqThreshold = 0;

    /** The status reported above the threshold (e.g. OUT_OF_SERVICE, or a custom DEGRADED). */
    private String dlqStatus = "DEGRADED";

    public long getDlqThreshold() {
      return dlqThreshold;
    }

    public void setDlqThreshold(long dlqThreshold) {
      this.dlqThreshold = dlqThreshold;
    }

    public String getDlqStatus() {
      return dlqStatus;
    }

    public void setDlqStatus(String dlqStatus) {
      this.dlqStatus = dlqStatus;
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema;
  }

  public @Nullable String getNodeId() {
    return nodeId;
  }

  public void setNodeId(@Nullable String nodeId) {
    this.nodeId = nodeId;
  }

  public int getWorkerThreads() {
    return workerThreads;
  }

  public void setWorkerThreads(int workerThreads) {
    this.workerThreads = workerThreads;
  }

  public @Nullable Integer getClaimAhead() {
    return claimAhead;
  }

  public void setClaimAhead(@Nullable Integer claimAhead) {
    this.claimAhead = claimAhead;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }

  public @Nullable Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public int getQuartzThreads() {
    return quartzThreads;
  }

  public void setQuartzThreads(int quartzThreads) {
    this.quartzThreads = quartzThreads;
  }

  public Duration getClusterCheckinInterval() {
    return clusterCheckinInterval;
  }

  public void setClusterCheckinInterval(Duration clusterCheckinInterval) {
    this.clusterCheckinInterval = clusterCheckinInterval;
  }

  public Duration getMisfireThreshold() {
    return misfireThreshold;
  }

  public void setMisfireThreshold(Duration misfireThreshold) {
    this.misfireThreshold = misfireThreshold;
  }

  public ZoneId getDefaultZone() {
    return defaultZone;
  }

  public void setDefaultZone(ZoneId defaultZone) {
    this.defaultZone = defaultZone;
  }

  public boolean isMigrate() {
    return migrate;
  }

  public void setMigrate(boolean migrate) {
    this.migrate = migrate;
  }

  public Reconcile getReconcile() {
    return reconcile;
  }

  /** How @ChronosJob declarations are reconciled with the database at start-up. */
  public static class Reconcile {

    /**
     * Whether code-declared jobs that are no longer declared in code are paused (and tagged
     * code-removed). Off by default: during a rolling deployment an older node still declares them.
     */
    private boolean disableRemoved = false;

    public boolean isDisableRemoved() {
      return disableRemoved;
    }

    public void setDisableRemoved(boolean disableRemoved) {
      this.disableRemoved = disableRemoved;
    }
  }

  /** Applies these properties to a builder. */
  void applyTo(ChronosBuilder builder) {
    builder
        .schema(schema)
        .tablePrefix(tablePrefix)
        .workerThreads(workerThreads)
        .pollInterval(pollInterval)
        .lease(lease)
        .shutdownTimeout(shutdownTimeout)
        .quartzThreads(quartzThreads)
        .clusterCheckinInterval(clusterCheckinInterval)
        .misfireThreshold(misfireThreshold)
        .defaultZone(defaultZone)
        .migrate(migrate);
    if (nodeId != null) {
      builder.nodeId(nodeId);
    }
    if (claimAhead != null) {
      builder.claimAhead(claimAhead);
    }
    if (heartbeatInterval != null) {
      builder.heartbeatInterval(heartbeatInterval);
    }
    if (secretKey != null && !secretKey.isBlank()) {
      builder.secretKey(secretKey);
    }
    if (keepHistoryForever) {
      builder.keepHistoryForever();
    } else {
      builder.retention(retention);
    }
    builder.defaultRetryPolicy(retry.toPolicy());
  }
}
