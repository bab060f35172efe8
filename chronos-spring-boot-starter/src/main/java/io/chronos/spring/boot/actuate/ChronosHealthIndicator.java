package io.chronos.spring.boot.actuate;

import io.chronos.Chronos;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code chronos} health: UP when the node is started and its database answers; details {@code
 * nodeId} and {@code started}.
 */
public final class ChronosHealthIndicator extends AbstractHealthIndicator {
  private final Chronos chronos;
  private final JdbcTemplate jdbc;

  public ChronosHealthIndicator(Chronos chronos, DataSource dataSource) {
    super("Chronos health check failed");
    this.chronos = chronos;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean started = chronos.isStarted();
    builder.withDetail("nodeId", chronos.nodeId()).withDetail("started", started);
    jdbc.queryForObject("SELECT 1", Integer.class);
    if (started) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
