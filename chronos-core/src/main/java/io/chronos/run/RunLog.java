package io.chronos.run;

import java.time.Instant;
import java.util.Map;

/**
 * One structured log line of a run.
 *
 * @param id ULID, in write order
 * @param runId the run
 * @param level the level
 * @param message the text
 * @param context structured key/value context
 * @param loggedAt when it was written
 */
public record RunLog(
    String id,
    String runId,
    LogLevel level,
    String message,
    Map<String, String> context,
    Instant loggedAt) {
  public RunLog {
    context = Map.copyOf(context);
  }
}
