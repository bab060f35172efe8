package io.chronos.notify;

/**
 * A way to deliver notifications: register it on the builder ({@code notificationChannel(...)}) and
 * name it in a job's rules. Channels are called off the run's thread, after its outcome is stored;
 * a channel that throws never fails the run, and the failure is logged.
 */
public interface NotificationChannel {

  /** The name rules refer to, e.g. {@code webhook-ops} or {@code email-oncall}. */
  String name();

  /** Delivers one notification; throw to report a failed delivery. */
  void send(Notification notification) throws Exception;
}
