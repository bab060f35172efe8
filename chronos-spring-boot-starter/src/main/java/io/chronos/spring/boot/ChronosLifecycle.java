package io.chronos.spring.boot;

import io.chronos.Chronos;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the Chronos node once every singleton exists, after reconciling the {@link
 * ChronosJob @ChronosJob} declarations, and closes it gracefully on shutdown: {@link #stop()}
 * returns only when running runs have finished or been handed back (up to {@code
 * chronos.shutdown-timeout}).
 *
 * <p>Its phase is late: the node starts after the web server and stops before the web server's
 * graceful shutdown, so runs finishing during shutdown can still be observed through the actuator.
 */
public final class ChronosLifecycle implements SmartLifecycle {

  /** Started after, and stopped before, the web server and its graceful shutdown. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private final Chronos chronos;
  private final JobReconciler reconciler;
  private volatile boolean running;

  public ChronosLifecycle(Chronos chronos, JobReconciler reconciler) {
    this.chronos = chronos;
    this.reconciler = reconciler;
  }

  @Override
  public void start() {
    reconciler.reconcile();
    chronos.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    chronos.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
