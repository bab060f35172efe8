package io.chronos.internal.notify;

import io.chronos.internal.store.Db;
import io.chronos.internal.store.NotificationRepository;
import io.chronos.notify.Notification;
import io.chronos.notify.NotificationChannel;
import io.chronos.notify.NotificationRules;

/** The built-in channel: stores the notification in the job owner's in-app inbox. */
public final class InAppChannel implements NotificationChannel {
  private final Db db;
  private final NotificationRepository repository;

  public InAppChannel(Db db, NotificationRepository repository) {
    this.db = db;
    this.repository = repository;
  }

  @Override
  public String name() {
    return NotificationRules.IN_APP;
  }

  @Override
  public void send(Notification n) {
    db.inTransaction(
        () ->
            repository.inApp(
                n.ownerId(),
                n.jobId(),
                n.runId(),
                n.event().name(),
                n.subject(),
                n.text(),
                n.occurredAt()));
  }
}
