package io.chronos.spring.boot;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import io.chronos.spi.NonRetryableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Runs {@link ChronosJob @ChronosJob} methods: looks the bean up in the application context and
 * calls the method, with the run's {@link ExecutionContext} when it takes one. Only methods that
 * this application declares with the annotation are ever called (any other is a non-retryable
 * failure), and only ADMINs may create or change such jobs.
 *
 * <p>Saving does not check that the method exists: during a rolling deployment a node running the
 * previous version must still be able to change or pause a job that only the new version declares.
 */
public final class MethodJobExecutor implements JobExecutor<MethodJobPayload> {
  private static final int MAX_SUMMARY = 2000;

  private final ChronosJobAnnotationBeanPostProcessor declarations;
  private final BeanFactory beanFactory;

  public MethodJobExecutor(
      ChronosJobAnnotationBeanPostProcessor declarations, BeanFactory beanFactory) {
    this.declarations = declarations;
    this.beanFactory = beanFactory;
  }

  @Override
  public JobType type() {
    return MethodJobPayload.TYPE;
  }

  @Override
  public Class<MethodJobPayload> payloadType() {
    return MethodJobPayload.class;
  }

  @Override
  public boolean adminOnly() {
    return true;
  }

  @Override
  public List<FieldError> validate(MethodJobPayload payload) {
    List<FieldError> errors = new ArrayList<>();
    if (payload.bean() == null || payload.bean().isBlank()) {
      errors.add(new FieldError("bean", "is required"));
    }
    if (payload.method() == null || payload.method().isBlank()) {
      errors.add(new FieldError("method", "is required"));
    }
    return errors;
  }

  @Override
  public ExecutionResult execute(MethodJobPayload payload, ExecutionContext context)
      throws Exception {
    DeclaredJob job =
        declarations
            .find(payload.bean(), payload.method())
            .orElseThrow(
                () ->
                    new NonRetryableException(
                        "No @ChronosJob method "
                            + payload.bean()
                            + "."
                            + payload.method()
                            + " on this node"));
    Object bean = beanFactory.getBean(job.beanName());
    Method method = AopUtils.selectInvocableMethod(job.method(), bean.getClass());
    ReflectionUtils.makeAccessible(method);
    Object[] arguments = method.getParameterCount() == 0 ? new Object[0] : new Object[] {context};
    Object result;
    try {
      result = method.invoke(bean, arguments);
    } catch (InvocationTargetException e) {
      // The method's own exception decides the outcome (NonRetryableException is not retried).
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
    if (result instanceof ExecutionResult executionResult) {
      return executionResult;
    }
    if (result == null) {
      return ExecutionResult.success();
    }
    String summary = String.valueOf(result);
    return ExecutionResult.success(
        summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary);
  }
}
