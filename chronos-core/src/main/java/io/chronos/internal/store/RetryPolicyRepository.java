package io.chronos.internal.store;

import io.chronos.internal.engine.Ids;
import io.chronos.retry.FailureCategory;
import io.chronos.retry.RetryPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/** {@code retry_policies}: 0..1 per job. */
public final class RetryPolicyRepository {
  private final Db db;
  private final Tables t;

  public RetryPolicyRepository(Db db) {
    this.db = db;
    this.t = db.tables();
  }

  /** Stores the job's policy, replacing any; null removes it (the default applies). */
  public void replace(String jobId, @Nullable RetryPolicy policy) {
    db.jdbc().update("DELETE FROM " + t.retryPolicies + " WHERE job_id = ?", jobId);
    if (policy == null) {
      return;
    }
    db.jdbc()
        .update(
            "INSERT INTO "
                + t.retryPolicies
                + " (id, job_id, max_attempts, backoff_type, initial_delay_ms, multiplier,"
                + " max_delay_ms, jitter, retry_on, abort_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Ids.next(),
            jobId,
            policy.maxAttempts(),
            policy.backoff().name(),
            policy.initialDelay().toMillis(),
            policy.multiplier(),
            policy.maxDelay() == null ? null : policy.maxDelay().toMillis(),
            policy.jitter(),
            join(policy.retryOn()),
            join(policy.abortOn()));
  }

  public Optional<RetryPolicy> find(String jobId) {
    return db
        .jdbc()
        .query(
            "SELECT max_attempts, backoff_type, initial_delay_ms, multiplier, max_delay_ms, jitter,"
                + " retry_on, abort_on FROM "
                + t.retryPolicies
                + " WHERE job_id = ?",
            (rs, i) -> map(rs, ""),
            jobId)
        .stream()
        .findFirst();
  }

  /** Reads a policy from columns named with the given prefix; null when the row has none. */
  @Nullable
  static RetryPolicy map(ResultSet rs, String prefix) throws SQLException {
    int maxAttempts = rs.getInt(prefix + "max_attempts");
    if (rs.wasNull()) {
      return null;
    }
    long maxDelay = rs.getLong(prefix + "max_delay_ms");
    Duration maxDelayValue = rs.wasNull() ? null : Duration.ofMillis(maxDelay);
    return RetryPolicy.of(
        maxAttempts,
        RetryPolicy.Backoff.valueOf(rs.getString(prefix + "backoff_type")),
        Duration.ofMillis(rs.getLong(prefix + "initial_delay_ms")),
        rs.getDouble(prefix + "multiplier"),
        maxDelayValue,
        rs.getDouble(prefix + "jitter"),
        split(rs.getString(prefix + "retry_on")),
        split(rs.getString(prefix + "abort_on")));
  }

  @Nullable
  private static String join(Set<FailureCategory> categories) {
    return categories.isEmpty()
        ? null
        : categories.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private static Set<FailureCategory> split(@Nullable String value) {
    Set<FailureCategory> set = EnumSet.noneOf(FailureCategory.class);
    if (value != null && !value.isBlank()) {
      Arrays.stream(value.split(","))
          .map(String::strip)
          .map(FailureCategory::valueOf)
          .forEach(set::add);
    }
    return set;
  }
}
