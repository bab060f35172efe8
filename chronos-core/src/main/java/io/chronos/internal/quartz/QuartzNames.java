package io.chronos.internal.quartz;

/**
 * The names Chronos uses in Quartz's tables. A job's Quartz job and trigger are named by its id.
 */
public final class QuartzNames {
  /** SCHED_NAME of every Chronos node: one logical scheduler shared by the cluster. */
  public static final String SCHEDULER_NAME = "chronos";

  /** JOB_GROUP and TRIGGER_GROUP of every Chronos job. */
  public static final String GROUP = "chronos";

  private QuartzNames() {}
}
