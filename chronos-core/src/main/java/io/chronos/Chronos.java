package io.chronos;

import io.chronos.audit.AuditTrail;
import io.chronos.dlq.DeadLetters;
import io.chronos.internal.engine.Engine;
import io.chronos.job.Jobs;
import io.chronos.notify.Inbox;
import io.chronos.run.Runs;
import io.chronos.security.Users;

/**
 * One Chronos node: a persistent, clustered job scheduler on the host's database.
 *
 * <pre>{@code
 * Chronos chronos = Chronos.builder().dataSource(dataSource).build();
 * chronos.start();
 * chronos.jobs().create(Actor.system(),
 *     JobSpec.dummy("nightly").cron("0 0 2 * * ?", ZoneId.of("Europe/Berlin")).build());
 * chronos.close();
 * }</pre>
 *
 * <p>Building a node migrates the schema and makes the API usable; {@link #start()} makes it fire
 * triggers and execute runs. Several nodes on one database share the work: each fire runs on one
 * node, and the runs of a node that dies are recovered by the others.
 */
public final class Chronos implements AutoCloseable {
  private final Engine engine;

  Chronos(Engine engine) {
    this.engine = engine;
  }

  /** A builder; only the DataSource is required. */
  public static ChronosBuilder builder() {
    return new ChronosBuilder();
  }

  /** Starts firing triggers and executing runs. Calling it again does nothing. */
  public Chronos start() {
    engine.start();
    return this;
  }

  /**
   * Stops gracefully: no new claims, running runs get up to the shutdown timeout to finish, the
   * rest go back to the queue for another node. Calling it again does nothing.
   */
  @Override
  public void close() {
    engine.close();
  }

  /** True between {@link #start()} and {@link #close()}. */
  public boolean isStarted() {
    return engine.isStarted();
  }

  /**
   * This node's heartbeat and the cluster's live nodes (Quartz's cluster check-in): what a health
   * check needs. Reads the database.
   */
  public NodeStatus status() {
    return engine.status();
  }

  /** This node's id. */
  public String nodeId() {
    return engine.config().nodeId();
  }

  /** Jobs: create, change, pause, resume, delete, trigger, read. */
  public Jobs jobs() {
    return engine.jobs();
  }

  /** Run history and logs. */
  public Runs runs() {
    return engine.runs();
  }

  /** Users and roles. */
  public Users users() {
    return engine.users();
  }

  /** The dead-letter queue: runs that retries could not save. */
  public DeadLetters deadLetters() {
    return engine.deadLetters();
  }

  /** In-app notifications: each user's inbox, read and unread. */
  public Inbox inbox() {
    return engine.inbox();
  }

  /** The audit trail. */
  public AuditTrail audit() {
    return engine.audit();
  }

  /**
   * Runs one heartbeat now: renews this node's leases, recovers runs whose lease expired, and
   * catches up cron and interval jobs whose next fire is overdue by more than the misfire threshold
   * (under each job's {@link io.chronos.schedule.Misfire} policy), then fires the cron and interval
   * jobs that are due on the node's clock. The node does all this by itself (fires as they come
   * due, the rest every heartbeat interval); tests and operators may call it.
   */
  public void heartbeat() {
    engine.heartbeat();
  }
}
