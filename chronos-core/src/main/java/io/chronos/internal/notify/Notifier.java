package io.chronos.internal.notify;

import io.chronos.internal.engine.DaemonThreads;
import io.chronos.notify.Notification;
import io.chronos.notify.NotificationChannel;
import io.chronos.notify.NotificationRules;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications off the run's thread, after the outcome is stored: each wanted channel in
 * turn on a small pool with a bounded queue. A failing or slow channel never fails a run; when the
 * queue is full a notification is dropped with a warning rather than blocking the scheduler.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final int QUEUE = 10_000;

  private final Map<String, NotificationChannel> channels;
  private final ThreadPoolExecutor pool;

  public Notifier(Map<String, NotificationChannel> channels, String nodeId) {
    this.channels = Map.copyOf(channels);
    this.pool =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            DaemonThreads.named("chronos-notify-" + nodeId));
  }

  /** The channel names this node knows. */
  public java.util.Set<String> channelNames() {
    return channels.keySet();
  }

  /** Sends the notification through every channel the rules name, asynchronously. */
  public void publish(Notification notification, NotificationRules rules) {
    if (!rules.wants(notification.event())) {
      return;
    }
    for (String name : rules.channels()) {
      NotificationChannel channel = channels.get(name);
      if (channel == null) {
        log.warn(
            "Notification channel '{}' is not registered on this node: {} not sent",
            name,
            notification.subject());
        continue;
      }
      try {
        pool.execute(() -> deliver(channel, notification));
      } catch (RejectedExecutionException e) {
        log.warn("Notification queue full: {} via {} dropped", notification.subject(), name);
      }
    }
  }

  private static void deliver(NotificationChannel channel, Notification notification) {
    try {
      channel.send(notification);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      log.warn(
          "Notification channel '{}' failed to send {}: {}",
          channel.name(),
          notification.subject(),
          e.toString());
    }
  }

  /** Lets queued notifications go out for a few seconds, then stops. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }
}
