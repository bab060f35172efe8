package io.chronos.spring.boot;

import io.chronos.ChronosBuilder;
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

  /** How many runs this node executes at once (1 to 1000). */
  private int workerThreads = ChronosBuilder.DEFAULT_WORKER_THREADS;

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

  /** Threads Quartz uses to fire triggers (1 to 100); a fire only inserts a row. */
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
    if (heartbeatInterval != null) {
      builder.heartbeatInterval(heartbeatInterval);
    }
    if (secretKey != null && !secretKey.isBlank()) {
      builder.secretKey(secretKey);
    }
  }
}
