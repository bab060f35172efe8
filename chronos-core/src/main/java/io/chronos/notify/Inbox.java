package io.chronos.notify;

import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.security.Actor;

/** The in-app channel's inbox: each user reads and marks only their own notifications. */
public interface Inbox {

  /** The actor's notifications, newest first; only the unread ones when asked. */
  Page<InboxItem> list(Actor actor, boolean unreadOnly, PageRequest page);

  /** How many of the actor's notifications are unread. */
  long unreadCount(Actor actor);

  /** Marks one of the actor's notifications read; another user's is "not found". */
  InboxItem markRead(Actor actor, String notificationId);
}
