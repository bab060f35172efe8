package io.chronos.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The pure arithmetic of the recovery scenario: matches each run the killed node held to its
 * RECOVERY attempt (same job, same fire key, attempt + 1) and measures, from the kill, when its
 * lease expired, when the survivor marked it LOST and when the recovery attempt started.
 */
final class RecoveryTimes {
  private RecoveryTimes() {}

  /** A run the killed node held, as the database shows it after the kill. */
  record Held(
      String runId,
      String jobId,
      String fireKey,
      int attempt,
      @Nullable Instant leaseExpiresAt,
      @Nullable Instant lostAt) {}

  /** A RECOVERY attempt: the run's job, fire key and attempt, and when it started (if yet). */
  record Recovery(String jobId, String fireKey, int attempt, @Nullable Instant startedAt) {}

  /** Milliseconds from the kill, one entry per held run that has the figure. */
  record Measured(
      List<Double> leaseExpiry, List<Double> lost, List<Double> running, int held, int missing) {}

  static Measured measure(Instant kill, List<Held> held, List<Recovery> recoveries) {
    Map<String, Recovery> byKey = new HashMap<>();
    for (Recovery r : recoveries) {
      byKey.put(key(r.jobId(), r.fireKey(), r.attempt()), r);
    }
    List<Double> expiry = new ArrayList<>();
    List<Double> lost = new ArrayList<>();
    List<Double> running = new ArrayList<>();
    int missing = 0;
    for (Held h : held) {
      if (h.leaseExpiresAt() != null) {
        expiry.add(millisBetween(kill, h.leaseExpiresAt()));
      }
      if (h.lostAt() != null) {
        lost.add(millisBetween(kill, h.lostAt()));
      }
      Recovery r = byKey.get(key(h.jobId(), h.fireKey(), h.attempt() + 1));
      if (r == null || r.startedAt() == null) {
        missing++;
      } else {
        running.add(millisBetween(kill, r.startedAt()));
      }
    }
    return new Measured(expiry, lost, running, held.size(), missing);
  }

  static double millisBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }

  private static String key(String jobId, String fireKey, int attempt) {
    return jobId + '\u0000' + fireKey + '\u0000' + attempt;
  }
}
