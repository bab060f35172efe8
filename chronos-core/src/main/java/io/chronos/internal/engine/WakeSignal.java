package io.chronos.internal.engine;

import java.time.Duration;

/**
 * What a polling loop sleeps on: it waits until woken or until its timeout passes. A wake-up that
 * comes while the loop is busy is kept, so the next wait returns at once.
 */
final class WakeSignal {
  private boolean signalled;

  synchronized void wakeUp() {
    signalled = true;
    notifyAll();
  }

  /** Waits until woken or {@code timeout} passes; an interrupt ends the wait and is kept. */
  synchronized void await(Duration timeout) {
    if (!signalled) {
      try {
        wait(Math.max(1, timeout.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    signalled = false;
  }
}
