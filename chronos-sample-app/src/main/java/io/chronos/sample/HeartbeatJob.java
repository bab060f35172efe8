package io.chronos.sample;

import io.chronos.spi.ExecutionContext;
import io.chronos.spring.boot.ChronosJob;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job declared in code: every 30 seconds (or {@code sample.heartbeat.cron}), on whichever node of
 * the cluster claims the fire.
 */
@Component
public class HeartbeatJob {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatJob.class);

  @ChronosJob(
      name = "sample-heartbeat",
      cron = "${sample.heartbeat.cron:*/30 * * * * ?}",
      description = "Logs a heartbeat",
      tags = "sample")
  public String heartbeat(ExecutionContext context) {
    log.info("Heartbeat: run {} of job {}", context.runId(), context.jobName());
    context.log().info("heartbeat", Map.of("scheduledAt", context.scheduledAt()));
    return "heartbeat at " + context.scheduledAt();
  }
}
