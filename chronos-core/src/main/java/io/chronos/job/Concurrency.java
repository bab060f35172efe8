package io.chronos.job;

/**
 * Whether runs of one job may overlap. Enforced when a node claims a run, in the database, so it
 * holds across every node of the cluster.
 */
public enum Concurrency {
  /** Runs may overlap (the default). */
  ALLOW,
  /** A due run waits while another run of the job is RUNNING. */
  FORBID,
  /** A due run that finds another run of the job RUNNING is recorded SKIPPED and not run. */
  SKIP
}
