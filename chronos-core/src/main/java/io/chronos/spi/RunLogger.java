package io.chronos.spi;

import io.chronos.run.LogLevel;
import java.util.Map;

/**
 * Writes structured lines into the run's log ({@code job_run_logs}). Lines are buffered and written
 * in batches; they are kept only if the run still holds its lease when they are written. Never log
 * a secret.
 */
public interface RunLogger {

  /** Writes one line with structured context. */
  void log(LogLevel level, String message, Map<String, ?> context);

  default void info(String message) {
    log(LogLevel.INFO, message, Map.of());
  }

  default void info(String message, Map<String, ?> context) {
    log(LogLevel.INFO, message, context);
  }

  default void warn(String message) {
    log(LogLevel.WARN, message, Map.of());
  }

  default void error(String message) {
    log(LogLevel.ERROR, message, Map.of());
  }

  default void debug(String message) {
    log(LogLevel.DEBUG, message, Map.of());
  }
}
