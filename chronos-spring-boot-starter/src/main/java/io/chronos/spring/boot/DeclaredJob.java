package io.chronos.spring.boot;

import io.chronos.job.Concurrency;
import io.chronos.job.JobSpec;
import io.chronos.retry.RetryPolicy;
import io.chronos.schedule.Schedule;
import io.chronos.security.Actor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * One {@link ChronosJob @ChronosJob} method, with its attributes resolved and checked.
 *
 * @param name the job name
 * @param beanName the bean the method belongs to
 * @param method the annotated method (on the bean's target class)
 * @param cron the cron expression, or null for an interval job
 * @param zone the cron zone, or null for the default zone
 * @param fixedInterval the interval, or null for a cron job
 * @param initialDelay the delay before the first interval fire, or null for one interval
 * @param timeout the run time limit, or null
 * @param description the description, or null
 * @param tags the declared tags, without {@link ChronosJob#CODE_DECLARED_TAG}
 * @param concurrency whether runs may overlap
 * @param retryPolicy the declared retry policy, or null for the node's default
 */
public record DeclaredJob(
    String name,
    String beanName,
    Method method,
    @Nullable String cron,
    @Nullable ZoneId zone,
    @Nullable Duration fixedInterval,
    @Nullable Duration initialDelay,
    @Nullable Duration timeout,
    @Nullable String description,
    Set<String> tags,
    Concurrency concurrency,
    @Nullable RetryPolicy retryPolicy) {

  public DeclaredJob {
    tags = Set.copyOf(tags);
  }

  /** Where the job is declared, for messages: {@code bean.method (com.example.Type#method)}. */
  public String location() {
    return location(beanName, method);
  }

  static String location(String beanName, Method method) {
    return beanName
        + "."
        + method.getName()
        + " ("
        + method.getDeclaringClass().getName()
        + "#"
        + method.getName()
        + ")";
  }

  /** The payload that calls this method. */
  public MethodJobPayload payload() {
    return new MethodJobPayload(beanName, method.getName());
  }

  /** The job spec this declaration stands for, owned by the system user. */
  public JobSpec toSpec(ZoneId defaultZone) {
    Schedule schedule =
        cron != null
            ? Schedule.cron(cron, zone != null ? zone : defaultZone)
            : new Schedule.Interval(
                fixedInterval, initialDelay != null ? initialDelay : fixedInterval);
    Set<String> allTags = new LinkedHashSet<>();
    allTags.add(ChronosJob.CODE_DECLARED_TAG);
    allTags.addAll(tags);
    return JobSpec.builder(name, payload())
        .schedule(schedule)
        .description(description)
        .timeout(timeout)
        .concurrency(concurrency)
        .retry(retryPolicy)
        .owner(Actor.SYSTEM_USER_ID)
        .tags(allTags)
        .build();
  }
}
