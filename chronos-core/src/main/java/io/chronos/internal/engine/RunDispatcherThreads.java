package io.chronos.internal.engine;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads for the node's pools. */
public final class RunDispatcherThreads {
  private RunDispatcherThreads() {}

  public static ThreadFactory factory(String prefix) {
    return RunDispatcher.threads(prefix);
  }
}
