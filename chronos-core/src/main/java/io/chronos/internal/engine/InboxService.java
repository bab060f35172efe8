package io.chronos.internal.engine;

import io.chronos.NotFoundException;
import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.NotificationRepository;
import io.chronos.notify.Inbox;
import io.chronos.notify.InboxItem;
import io.chronos.security.Actor;

/** {@link Inbox}: every user sees and marks only their own notifications. */
final class InboxService implements Inbox {
  private final Db db;
  private final NotificationRepository notifications;

  InboxService(Db db, NotificationRepository notifications) {
    this.db = db;
    this.notifications = notifications;
  }

  @Override
  public Page<InboxItem> list(Actor actor, boolean unreadOnly, PageRequest page) {
    return Pages.of(
        notifications.inbox(actor.userId(), unreadOnly, page), page.limit(), InboxItem::id);
  }

  @Override
  public long unreadCount(Actor actor) {
    return notifications.unreadCount(actor.userId());
  }

  @Override
  public InboxItem markRead(Actor actor, String notificationId) {
    InboxItem item =
        notifications
            .find(notificationId)
            .filter(i -> i.userId().equals(actor.userId()))
            .orElseThrow(() -> new NotFoundException("No notification with id " + notificationId));
    notifications.markRead(item.id(), db.now());
    return notifications.find(item.id()).orElseThrow();
  }
}
