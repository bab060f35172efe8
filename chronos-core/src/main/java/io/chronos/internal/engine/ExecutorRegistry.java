package io.chronos.internal.engine;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.payload.CustomPayload;
import io.chronos.payload.JobPayload;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executors of this node by job type: those registered by hand win over those found through
 * {@link ServiceLoader}, so a host can replace a built-in executor.
 */
public final class ExecutorRegistry {
  private static final Logger log = LoggerFactory.getLogger(ExecutorRegistry.class);

  private final Map<JobType, JobExecutor<?>> executors;

  private ExecutorRegistry(Map<JobType, JobExecutor<?>> executors) {
    this.executors = Map.copyOf(executors);
  }

  /**
   * Builds the registry.
   *
   * @param explicit executors registered by hand (or as beans)
   * @param serviceLoader whether to add those found on the class path
   * @param classLoader where to look
   */
  public static ExecutorRegistry create(
      Collection<JobExecutor<?>> explicit, boolean serviceLoader, ClassLoader classLoader) {
    Map<JobType, JobExecutor<?>> byType = new LinkedHashMap<>();
    if (serviceLoader) {
      @SuppressWarnings("rawtypes")
      ServiceLoader<JobExecutor> loader = ServiceLoader.load(JobExecutor.class, classLoader);
      for (JobExecutor<?> executor : loader) {
        byType.putIfAbsent(executor.type(), executor);
      }
    }
    for (JobExecutor<?> executor : explicit) {
      JobExecutor<?> replaced = byType.put(executor.type(), executor);
      if (replaced != null && replaced.getClass() != executor.getClass()) {
        log.info(
            "Executor {} replaces {} for job type {}",
            executor.getClass().getName(),
            replaced.getClass().getName(),
            executor.type());
      }
    }
    byType.values().forEach(ExecutorRegistry::checkConsistent);
    return new ExecutorRegistry(byType);
  }

  private static void checkConsistent(JobExecutor<?> executor) {
    boolean custom = CustomPayload.class.isAssignableFrom(executor.payloadType());
    if (custom == executor.type().isBuiltIn()) {
      throw new IllegalArgumentException(
          "Executor "
              + executor.getClass().getName()
              + ": a built-in type needs a built-in payload, a custom type a CustomPayload");
    }
  }

  public Optional<JobExecutor<?>> find(JobType type) {
    return Optional.ofNullable(executors.get(type));
  }

  /** The payload class of a custom type, to read its stored JSON. */
  public Optional<Class<? extends CustomPayload>> customPayloadClass(JobType type) {
    return find(type)
        .map(JobExecutor::payloadType)
        .filter(CustomPayload.class::isAssignableFrom)
        .map(cls -> cls.asSubclass(CustomPayload.class));
  }

  /** The job types this node can run. */
  public Collection<JobType> types() {
    return executors.keySet();
  }

  /** Asks the executor of the payload's type to check it. */
  public static List<FieldError> validate(JobExecutor<?> executor, JobPayload payload) {
    return raw(executor, payload).validate(payload);
  }

  /** Runs the payload on its executor. */
  public static ExecutionResult execute(
      JobExecutor<?> executor, JobPayload payload, ExecutionContext context) throws Exception {
    return raw(executor, payload).execute(payload, context);
  }

  @SuppressWarnings("unchecked")
  private static JobExecutor<JobPayload> raw(JobExecutor<?> executor, JobPayload payload) {
    if (!executor.payloadType().isInstance(payload)) {
      throw new IllegalArgumentException(
          "Executor for "
              + executor.type()
              + " takes "
              + executor.payloadType().getSimpleName()
              + ", not "
              + payload.getClass().getSimpleName());
    }
    return (JobExecutor<JobPayload>) executor;
  }
}
