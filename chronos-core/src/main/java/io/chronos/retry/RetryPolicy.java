package io.chronos.retry;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;

/**
 * What happens when an attempt fails: how many attempts in all, the delay before each retry, which
 * failures are retried, and — when retries are exhausted or the failure is not retryable — a
 * dead-letter event. Built in stages, so an incomplete policy does not compile:
 *
 * <pre>{@code
 * RetryPolicy.maxAttempts(5)
 *     .exponential(Duration.ofSeconds(2), 2.0)
 *     .maxDelay(Duration.ofMinutes(10))
 *     .jitter(0.2)
 *     .retryOn(FailureCategory.TIMEOUT, FailureCategory.CONNECTION, FailureCategory.HTTP_5XX)
 *     .thenDeadLetter();
 * }</pre>
 *
 * Each builder method checks its own argument; {@code thenDeadLetter()} refuses conflicting
 * options. Policies are immutable values.
 */
public final class RetryPolicy {

  /** How the delay grows from one retry to the next. */
  public enum Backoff {
    /** No delay: the retry is due at once. */
    NONE,
    FIXED,
    EXPONENTIAL
  }

  /** The most attempts a policy may allow. */
  public static final int MAX_ATTEMPTS = 100;

  private final int maxAttempts;
  private final Backoff backoff;
  private final Duration initialDelay;
  private final double multiplier;
  private final @Nullable Duration maxDelay;
  private final double jitter;
  private final Set<FailureCategory> retryOn;
  private final Set<FailureCategory> abortOn;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.initialDelay = b.initialDelay;
    this.multiplier = b.multiplier;
    this.maxDelay = b.maxDelay;
    this.jitter = b.jitter;
    this.retryOn = Set.copyOf(b.retryOn);
    this.abortOn = Set.copyOf(b.abortOn);
  }

  /** One attempt only: a failure is dead-lettered at once. */
  public static RetryPolicy noRetries() {
    return maxAttempts(1).noBackoff().thenDeadLetter();
  }

  /** Starts a policy allowing {@code attempts} attempts in all (1 = no retry). */
  public static BackoffStage maxAttempts(int attempts) {
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "maxAttempts must be between 1 and " + MAX_ATTEMPTS + ", was " + attempts);
    }
    Builder b = new Builder();
    b.maxAttempts = attempts;
    return b;
  }

  /** The stage that picks the backoff. */
  public interface BackoffStage {
    /** The same delay before every retry. */
    OptionStage fixed(Duration delay);

    /** {@code initial}, then times {@code multiplier} per retry. */
    ExponentialStage exponential(Duration initial, double multiplier);

    /** Retries are due at once. */
    OptionStage noBackoff();
  }

  /** Options of an exponential backoff, then the common options. */
  public interface ExponentialStage extends OptionStage {
    /** The longest delay the growth may reach. */
    OptionStage maxDelay(Duration maxDelay);
  }

  /** Options common to every backoff, ended by {@link #thenDeadLetter()}. */
  public interface OptionStage {
    /** Spreads each delay randomly by ± this fraction (0 to 1), so retries do not stampede. */
    OptionStage jitter(double fraction);

    /** Retry only these categories; any other failure is dead-lettered at once. */
    OptionStage retryOn(FailureCategory... categories);

    /** Never retry these categories: dead-letter at once. */
    OptionStage abortOn(FailureCategory... categories);

    /** Ends the policy: what retries cannot fix goes to the dead-letter queue. */
    RetryPolicy thenDeadLetter();
  }

  private static final class Builder implements BackoffStage, ExponentialStage {
    private int maxAttempts;
    private Backoff backoff = Backoff.NONE;
    private Duration initialDelay = Duration.ZERO;
    private double multiplier = 1.0;
    private @Nullable Duration maxDelay;
    private double jitter;
    private final Set<FailureCategory> retryOn = EnumSet.noneOf(FailureCategory.class);
    private final Set<FailureCategory> abortOn = EnumSet.noneOf(FailureCategory.class);

    @Override
    public OptionStage fixed(Duration delay) {
      backoff = Backoff.FIXED;
      initialDelay = positive("delay", delay);
      return this;
    }

    @Override
    public ExponentialStage exponential(Duration initial, double multiplier) {
      backoff = Backoff.EXPONENTIAL;
      initialDelay = positive("initial delay", initial);
      if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
        throw new IllegalArgumentException(
            "multiplier must be between 1 and 100, was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    @Override
    public OptionStage noBackoff() {
      backoff = Backoff.NONE;
      return this;
    }

    @Override
    public OptionStage maxDelay(Duration maxDelay) {
      this.maxDelay = positive("maxDelay", maxDelay);
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay " + maxDelay + " is shorter than the initial delay " + initialDelay);
      }
      return this;
    }

    @Override
    public OptionStage jitter(double fraction) {
      if (!(fraction >= 0.0 && fraction <= 1.0)) {
        throw new IllegalArgumentException("jitter must be between 0 and 1, was " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    @Override
    public OptionStage retryOn(FailureCategory... categories) {
      retryOn.addAll(Set.of(categories));
      return this;
    }

    @Override
    public OptionStage abortOn(FailureCategory... categories) {
      abortOn.addAll(Set.of(categories));
      return this;
    }

    @Override
    public RetryPolicy thenDeadLetter() {
      Set<FailureCategory> both = EnumSet.noneOf(FailureCategory.class);
      both.addAll(retryOn);
      both.retainAll(abortOn);
      if (!both.isEmpty()) {
        throw new IllegalArgumentException("categories both retried and aborted: " + both);
      }
      if (maxAttempts == 1 && (!retryOn.isEmpty() || backoff != Backoff.NONE)) {
        throw new IllegalArgumentException(
            "a policy with maxAttempts 1 never retries: backoff and retryOn make no sense");
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(name + " must be between 1 ms and 7 days, was " + value);
      }
      return value;
    }
  }

  /** Rebuilds a stored policy (the store's way back; values are checked again). */
  public static RetryPolicy of(
      int maxAttempts,
      Backoff backoff,
      Duration initialDelay,
      double multiplier,
      @Nullable Duration maxDelay,
      double jitter,
      Set<FailureCategory> retryOn,
      Set<FailureCategory> abortOn) {
    BackoffStage start = maxAttempts(maxAttempts);
    OptionStage options =
        switch (backoff) {
          case NONE -> start.noBackoff();
          case FIXED -> start.fixed(initialDelay);
          case EXPONENTIAL -> {
            ExponentialStage exp = start.exponential(initialDelay, multiplier);
            yield maxDelay == null ? exp : exp.maxDelay(maxDelay);
          }
        };
    return options
        .jitter(jitter)
        .retryOn(retryOn.toArray(FailureCategory[]::new))
        .abortOn(abortOn.toArray(FailureCategory[]::new))
        .thenDeadLetter();
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Backoff backoff() {
    return backoff;
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public double multiplier() {
    return multiplier;
  }

  @Nullable
  public Duration maxDelay() {
    return maxDelay;
  }

  public double jitter() {
    return jitter;
  }

  public Set<FailureCategory> retryOn() {
    return retryOn;
  }

  public Set<FailureCategory> abortOn() {
    return abortOn;
  }

  /** True when a failure of this category may be retried (attempts aside). */
  public boolean retries(FailureCategory category) {
    return !abortOn.contains(category) && (retryOn.isEmpty() || retryOn.contains(category));
  }

  /**
   * The delay before attempt {@code nextAttempt} (2 for the first retry), before jitter: FIXED
   * always the delay, EXPONENTIAL {@code initial * multiplier^(nextAttempt - 2)} capped at
   * maxDelay.
   */
  public Duration baseDelay(int nextAttempt) {
    return switch (backoff) {
      case NONE -> Duration.ZERO;
      case FIXED -> initialDelay;
      case EXPONENTIAL -> {
        double millis =
            initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, nextAttempt - 2));
        long capped =
            (long)
                Math.min(
                    millis, maxDelay == null ? Duration.ofDays(7).toMillis() : maxDelay.toMillis());
        yield Duration.ofMillis(capped);
      }
    };
  }

  /** The delay before attempt {@code nextAttempt} with jitter drawn from {@code random}. */
  public Duration delay(int nextAttempt, RandomGenerator random) {
    Duration base = baseDelay(nextAttempt);
    if (jitter == 0.0 || base.isZero()) {
      return base;
    }
    double factor = 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
    return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p
        && maxAttempts == p.maxAttempts
        && backoff == p.backoff
        && initialDelay.equals(p.initialDelay)
        && Double.compare(multiplier, p.multiplier) == 0
        && Objects.equals(maxDelay, p.maxDelay)
        && Double.compare(jitter, p.jitter) == 0
        && retryOn.equals(p.retryOn)
        && abortOn.equals(p.abortOn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxAttempts, backoff, initialDelay, multiplier, maxDelay, jitter, retryOn, abortOn);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", backoff="
        + backoff
        + ", initialDelay="
        + initialDelay
        + ", multiplier="
        + multiplier
        + ", maxDelay="
        + maxDelay
        + ", jitter="
        + jitter
        + ", retryOn="
        + retryOn
        + ", abortOn="
        + abortOn
        + "]";
  }
}
