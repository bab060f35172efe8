package io.chronos.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until told to move, for testing jobs without waiting: pass it to {@code
 * Chronos.builder().clock(...)} and {@link #advance(Duration)} past a run's due time. Quartz fires
 * cron and interval triggers on the system clock; with this clock such a fire is queued by the
 * misfire sweep once the clock is past it by more than the misfire threshold, at the next {@code
 * Chronos.heartbeat()}, under the job's misfire policy.
 */
public final class SettableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public SettableClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at the current system time. */
  public static SettableClock now() {
    return new SettableClock(Instant.now());
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }

  /** Sets the clock to an instant. */
  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(now, zone);
  }
}
