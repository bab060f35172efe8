package io.chronos.spring.boot;

import io.chronos.job.Concurrency;
import io.chronos.retry.RetryPolicy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a bean method as a Chronos job: a persistent, clustered job that runs on whichever node
 * of the cluster claims it. At start-up each declared job is created, or updated when its
 * declaration changed; the system user owns it and it carries the tag {@value #CODE_DECLARED_TAG}.
 *
 * <pre>{@code
 * @ChronosJob(cron = "0 0 2 * * ?", zone = "Europe/Berlin", timeout = "10m")
 * void nightlyCleanup(ExecutionContext context) { ... }
 * }</pre>
 *
 * <p>Rules, checked at start-up (a violation stops the application with a message naming the bean
 * and method):
 *
 * <ul>
 *   <li>exactly one of {@link #cron()} and {@link #fixedInterval()};
 *   <li>the method takes no parameter or one {@link io.chronos.spi.ExecutionContext}, and is not
 *       static;
 *   <li>every attribute may use {@code ${...}} placeholders, resolved through the Environment.
 * </ul>
 *
 * <p>The method may return nothing, an {@link io.chronos.spi.ExecutionResult}, or any other value
 * whose {@code toString()} becomes the run's result summary. An exception fails the run (retryable,
 * unless it is a {@link io.chronos.spi.NonRetryableException}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ChronosJob {

  /** The tag every job declared with this annotation carries. */
  String CODE_DECLARED_TAG = "code-declared";

  /** The job name, unique among the system's jobs; default {@code beanName.methodName}. */
  String name() default "";

  /** A Quartz cron expression with seconds, e.g. {@code 0 0 2 * * ?}. */
  String cron() default "";

  /** The time zone of {@link #cron()}, e.g. {@code Europe/Berlin}; default chronos.default-zone. */
  String zone() default "";

  /** A fixed interval, as {@code PT30S} or {@code 30s}. */
  String fixedInterval() default "";

  /** The delay before the first fire of a {@link #fixedInterval()} job; default the interval. */
  String initialDelay() default "";

  /** How long a run may take before it is interrupted, as {@code PT10M} or {@code 10m}. */
  String timeout() default "";

  /** A description shown in the dashboard and the actuator endpoint. */
  String description() default "";

  /** Tags in addition to {@value #CODE_DECLARED_TAG}. */
  String[] tags() default {};

  /** Whether runs may overlap: ALLOW (default), FORBID (wait) or SKIP. */
  Concurrency concurrency() default Concurrency.ALLOW;

  /**
   * Attempts in all before the dead-letter queue; 0 (the default) uses the node's default retry
   * policy ({@code chronos.retry.*}) and ignores the other retry attributes.
   */
  int retryMaxAttempts() default 0;

  /** How retries are spaced: NONE, FIXED or EXPONENTIAL (the default). */
  RetryPolicy.Backoff retryBackoff() default RetryPolicy.Backoff.EXPONENTIAL;

  /** The first retry delay (FIXED: every delay), as {@code PT10S} or {@code 10s}; default 10 s. */
  String retryDelay() default "10s";

  /** EXPONENTIAL growth per retry (1 to 100). */
  double retryMultiplier() default 2.0;

  /** EXPONENTIAL cap, as {@code PT5M} or {@code 5m}; empty for none. */
  String retryMaxDelay() default "";
}
