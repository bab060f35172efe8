package io.chronos.spring.boot;

import io.chronos.retry.RetryPolicy;
import io.chronos.schedule.Schedule;
import io.chronos.spi.ExecutionContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Finds {@link ChronosJob @ChronosJob} methods on every bean as it is initialized, resolves their
 * placeholders and checks them: a bad declaration fails the bean's creation, so the application
 * does not start, with a message that names the bean and the method. The declarations are
 * reconciled with the database when the node starts (see {@link JobReconciler}).
 *
 * <p>Lazy beans are seen only once they are created; declare jobs on eager singletons.
 */
public final class ChronosJobAnnotationBeanPostProcessor
    implements BeanPostProcessor, EnvironmentAware {

  private Environment environment = new StandardEnvironment();
  private final Set<Class<?>> classesWithoutJobs = ConcurrentHashMap.newKeySet();
  private final Map<String, DeclaredJob> byName = new LinkedHashMap<>();
  private final Map<String, DeclaredJob> byMethod = new LinkedHashMap<>();

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof AopInfrastructureBean) {
      return bean;
    }
    Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
    if (classesWithoutJobs.contains(targetClass)
        || !AnnotationUtils.isCandidateClass(targetClass, ChronosJob.class)) {
      return bean;
    }
    Map<Method, ChronosJob> annotated =
        MethodIntrospector.selectMethods(
            targetClass,
            (MethodIntrospector.MetadataLookup<ChronosJob>)
                method -> AnnotatedElementUtils.findMergedAnnotation(method, ChronosJob.class));
    if (annotated.isEmpty()) {
      classesWithoutJobs.add(targetClass);
      return bean;
    }
    annotated.forEach(
        (method, annotation) -> register(declare(bean, beanName, method, annotation)));
    return bean;
  }

  /** Every declared job, in the order the beans were created. */
  public synchronized List<DeclaredJob> declaredJobs() {
    return List.copyOf(byName.values());
  }

  /** The declared job that runs the given bean method, if this application has one. */
  public synchronized Optional<DeclaredJob> find(String beanName, String methodName) {
    return Optional.ofNullable(byMethod.get(beanName + "#" + methodName));
  }

  private synchronized void register(DeclaredJob job) {
    String methodKey = job.beanName() + "#" + job.method().getName();
    DeclaredJob sameMethod = byMethod.get(methodKey);
    if (sameMethod != null) {
      if (sameMethod.method().equals(job.method())) {
        return; // a prototype or scoped bean created again
      }
      throw new BeanInitializationException(
          "Invalid @ChronosJob on "
              + job.location()
              + ": bean '"
              + job.beanName()
              + "' has two @ChronosJob methods named '"
              + job.method().getName()
              + "'; give them different names");
    }
    DeclaredJob sameName = byName.get(job.name());
    if (sameName != null) {
      throw new BeanInitializationException(
          "Invalid @ChronosJob on "
              + job.location()
              + ": the job name '"
              + job.name()
              + "' is already declared by "
              + sameName.location());
    }
    byMethod.put(methodKey, job);
    byName.put(job.name(), job);
  }

  private DeclaredJob declare(Object bean, String beanName, Method method, ChronosJob annotation) {
    String location = DeclaredJob.location(beanName, method);
    List<String> problems = new ArrayList<>();
    checkSignature(bean, method, problems);

    String name = resolve("name", annotation.name(), problems);
    String cron = resolve("cron", annotation.cron(), problems);
    String zoneText = resolve("zone", annotation.zone(), problems);
    String intervalText = resolve("fixedInterval", annotation.fixedInterval(), problems);
    String delayText = resolve("initialDelay", annotation.initialDelay(), problems);
    String timeoutText = resolve("timeout", annotation.timeout(), problems);
    String description = resolve("description", annotation.description(), problems);
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : annotation.tags()) {
      String resolved = resolve("tags", tag, problems);
      if (!resolved.isEmpty()) {
        tags.add(resolved);
      }
    }

    if (cron.isEmpty() && intervalText.isEmpty()) {
      problems.add("no schedule: set cron or fixedInterval");
    } else if (!cron.isEmpty() && !intervalText.isEmpty()) {
      problems.add("two schedules: set cron or fixedInterval, not both");
    }
    if (!zoneText.isEmpty() && cron.isEmpty()) {
      problems.add("zone applies only to a cron schedule");
    }
    if (!delayText.isEmpty() && intervalText.isEmpty()) {
      problems.add("initialDelay applies only to a fixedInterval schedule");
    }
    ZoneId zone = zoneText.isEmpty() ? null : zone(zoneText, problems);
    if (!cron.isEmpty()) {
      checkCron(cron, zone, problems);
    }
    Duration interval = duration("fixedInterval", intervalText, false, problems);
    Duration initialDelay = duration("initialDelay", delayText, true, problems);
    Duration timeout = duration("timeout", timeoutText, false, problems);
    RetryPolicy retry = retryPolicy(annotation, problems);

    if (!problems.isEmpty()) {
      throw new BeanInitializationException(
          "Invalid @ChronosJob on " + location + ": " + String.join("; ", problems));
    }
    return new DeclaredJob(
        name.isEmpty() ? beanName + "." + method.getName() : name,
        beanName,
        method,
        cron.isEmpty() ? null : cron,
        zone,
        interval,
        initialDelay,
        timeout,
        description.isEmpty() ? null : description,
        tags,
        annotation.concurrency(),
        retry);
  }

  /** The declared retry policy, or null for the node's default; problems named by attribute. */
  private RetryPolicy retryPolicy(ChronosJob annotation, List<String> problems) {
    if (annotation.retryMaxAttempts() == 0) {
      return null;
    }
    Duration delay =
        duration(
            "retryDelay",
            resolve("retryDelay", annotation.retryDelay(), problems),
            false,
            problems);
    String maxDelayText = resolve("retryMaxDelay", annotation.retryMaxDelay(), problems);
    Duration maxDelay =
        maxDelayText.isEmpty() ? null : duration("retryMaxDelay", maxDelayText, false, problems);
    boolean single = annotation.retryMaxAttempts() == 1;
    try {
      return RetryPolicy.of(
          annotation.retryMaxAttempts(),
          single ? RetryPolicy.Backoff.NONE : annotation.retryBackoff(),
          delay == null ? Duration.ofSeconds(10) : delay,
          annotation.retryMultiplier(),
          annotation.retryBackoff() == RetryPolicy.Backoff.EXPONENTIAL ? maxDelay : null,
          0.0,
          java.util.Set.of(),
          java.util.Set.of());
    } catch (IllegalArgumentException e) {
      problems.add("retry: " + e.getMessage());
      return null;
    }
  }

  private static void checkSignature(Object bean, Method method, List<String> problems) {
    if (Modifier.isStatic(method.getModifiers())) {
      problems.add("the method must not be static");
    }
    Class<?>[] parameters = method.getParameterTypes();
    boolean valid =
        parameters.length == 0
            || (parameters.length == 1 && parameters[0] == ExecutionContext.class);
    if (!valid) {
      problems.add(
          "the method must take no parameter or one "
              + ExecutionContext.class.getName()
              + ", it takes ("
              + Arrays.stream(parameters).map(Class::getName).collect(Collectors.joining(", "))
              + ")");
    }
    try {
      AopUtils.selectInvocableMethod(method, bean.getClass());
    } catch (IllegalStateException e) {
      problems.add("the method cannot be called through the bean's proxy: " + e.getMessage());
    }
  }

  private String resolve(String attribute, String value, List<String> problems) {
    try {
      return environment.resolveRequiredPlaceholders(value).trim();
    } catch (IllegalArgumentException e) {
      problems.add(attribute + ": " + e.getMessage());
      return "";
    }
  }

  @Nullable
  private static ZoneId zone(String text, List<String> problems) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      problems.add("unknown time zone '" + text + "'");
      return null;
    }
  }

  private static void checkCron(String cron, @Nullable ZoneId zone, List<String> problems) {
    try {
      Schedule.cron(cron, zone != null ? zone : ZoneOffset.UTC).nextFireTimes(Instant.now(), 1);
    } catch (IllegalArgumentException e) {
      problems.add("invalid cron expression '" + cron + "': " + e.getMessage());
    }
  }

  @Nullable
  private static Duration duration(
      String attribute, String text, boolean zeroAllowed, List<String> problems) {
    if (text.isEmpty()) {
      return null;
    }
    Duration duration;
    try {
      duration = DurationStyle.detectAndParse(text);
    } catch (IllegalArgumentException e) {
      problems.add(attribute + " '" + text + "' is not a duration such as PT30S or 30s");
      return null;
    }
    if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
      problems.add(attribute + " must be " + (zeroAllowed ? "zero or " : "") + "positive");
      return null;
    }
    return duration;
  }
}
