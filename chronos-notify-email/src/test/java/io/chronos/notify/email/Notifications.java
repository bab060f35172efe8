package io.chronos.notify.email;

import io.chronos.notify.Notification;
import io.chronos.notify.NotificationEvent;
import java.time.Instant;

/** Test data: notifications as the engine sends them. */
final class Notifications {
  private Notifications() {}

  static Notification deadLetter() {
    return new Notification(
        NotificationEvent.DEAD_LETTER,
        "01JOB0000000000000000000AA",
        "nightly-report",
        "01OWNER00000000000000000AA",
        "01RUN00000000000000000000A",
        3,
        "FAILED",
        "connection refused",
        0,
        "node-1",
        Instant.parse("2032-06-01T02:00:00Z"));
  }
}
