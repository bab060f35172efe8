package io.chronos.retry;

/** What kind of failure ended an attempt; retry policies retry or abort by category. */
public enum FailureCategory {
  /** The run exceeded the job's timeout. */
  TIMEOUT,
  /** Could not connect, or the connection broke (network, DNS, refused). */
  CONNECTION,
  /** An HTTP answer 4xx other than 429. */
  HTTP_4XX,
  /** HTTP 429 Too Many Requests. */
  HTTP_429,
  /** An HTTP answer 5xx. */
  HTTP_5XX,
  /** A script or process ended with a non-zero exit code. */
  EXIT_CODE,
  /** The executor threw an exception. */
  EXCEPTION,
  /** The node running the attempt died (its lease expired). */
  LOST,
  /** Anything else an executor reports. */
  OTHER
}
