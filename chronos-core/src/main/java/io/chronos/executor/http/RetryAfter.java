package io.chronos.executor.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** Reads a {@code Retry-After} header: delay seconds, or an HTTP date. */
final class RetryAfter {
  /** A longer delay is cut to this. */
  static final Duration MAX = Duration.ofDays(1);

  private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

  private RetryAfter() {}

  /** The delay the header asks for, or empty when it is missing or unreadable. */
  static Optional<Duration> parse(@Nullable String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    Duration delay;
    if (SECONDS.matcher(text).matches()) {
      delay = Duration.ofSeconds(Long.parseLong(text));
    } else {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        delay = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.of(delay.compareTo(MAX) > 0 ? MAX : delay);
  }
}
