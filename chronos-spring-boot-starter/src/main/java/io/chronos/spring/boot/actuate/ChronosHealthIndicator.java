package io.chronos.spring.boot.actuate;

import io.chronos.Chronos;
import io.chronos.NodeStatus;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code chronos} health: UP when the node is started and its database answers, a configurable
 * status ({@code chronos.health.dlq-status}) when more dead-letter events are pending than {@code
 * chronos.health.dlq-threshold}, DOWN when its heartbeat is older than the lease; details {@code
 * nodeId}, {@code started}, {@code dlqDepth}, {@code leaseFresh}, {@code lastHeartbeat}, {@code
 * liveNodes}.
 */
public final class ChronosHealthIndicator extends AbstractHealthIndicator {
  private final Chronos chronos;
  private final JdbcTemplate jdbc;

  private final long dlqThreshold;
  private final String dlqStatus;

  public ChronosHealthIndicator(Chronos chronos, DataSource dataSource) {
    this(chronos, dataSource, 0, "DEGRADED");
  }

  /**
   * @param dlqThreshold above this many pending dead-letter events report {@code dlqStatus} (0 =
   *     off)
   * @param dlqStatus the status code reported above the threshold
   */
  public ChronosHealthIndicator(
      Chronos chronos, DataSource dataSource, long dlqThreshold, String dlqStatus) {
    super("Chronos health check failed");
    this.chronos = chronos;
    this.jdbc = new JdbcTemplate(dataSource);
    this.dlqThreshold = dlqThreshold;
    this.dlqStatus = dlqStatus;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean started = chronos.isStarted();
    builder.withDetail("nodeId", chronos.nodeId()).withDetail("started", started);
    jdbc.queryForObject("SELECT 1", Integer.class);
    long dlqDepth = chronos.deadLetters().depth();
    NodeStatus status = chronos.status();
    boolean leaseFresh = status.leaseFresh(Instant.now());
    builder
        .withDetail("dlqDepth", dlqDepth)
        .withDetail("leaseFresh", leaseFresh)
        .withDetail("liveNodes", status.liveNodes());
    if (status.lastHeartbeat() != null) {
      builder.withDetail("lastHeartbeat", status.lastHeartbeat().toString());
    }
    if (!started || !leaseFresh) {
      // A node whose heartbeat is older than its lease may have had its runs taken as lost.
      builder.down();
    } else if (dlqThreshold > 0 && dlqDepth > dlqThreshold) {
      builder.status(dlqStatus).withDetail("dlqThreshold", dlqThreshold);
    } else {
      builder.up();
    }
  }
}
