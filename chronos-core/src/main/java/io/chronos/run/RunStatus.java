package io.chronos.run;

/** The life of a run: QUEUED, then RUNNING on one node, then one of the final states. */
public enum RunStatus {
  /** Waiting to be claimed once its not-before time has come. */
  QUEUED(false),
  /** Queued for a paused job: released when the job is resumed. */
  HELD(false),
  /** Claimed by a node, under a lease. */
  RUNNING(false),
  SUCCEEDED(true),
  FAILED(true),
  TIMED_OUT(true),
  CANCELLED(true),
  /** Its node stopped renewing the lease; recovered by another node. */
  LOST(true),
  /** Not run, because the job's concurrency rule said so. */
  SKIPPED(true);

  private final boolean terminal;

  RunStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** True for the states a run never leaves. */
  public boolean isTerminal() {
    return terminal;
  }
}
