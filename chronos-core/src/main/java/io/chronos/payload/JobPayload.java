package io.chronos.payload;

import io.chronos.job.JobType;

/**
 * What a job does, as data: the executor of {@link #type()} runs it. Built-in payloads are records
 * in this package; a host's own executor type brings its own record implementing {@link
 * CustomPayload}.
 */
public sealed interface JobPayload
    permits DummyPayload, HttpPayload, ScriptPayload, FileSystemPayload, CustomPayload {

  /** The job type, which selects the executor. */
  JobType type();
}
