package io.chronos.spring.boot.actuate;

import io.chronos.ConflictException;
import io.chronos.NotFoundException;
import io.chronos.spring.boot.actuate.ChronosEndpoint.JobActionDescriptor;
import io.chronos.spring.boot.actuate.ChronosEndpoint.JobDetailsDescriptor;
import java.util.Map;
import javax.annotation.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP status codes for the {@link ChronosEndpoint}: 404 for an unknown job, 409 when the job's
 * state forbids the action (a paused job cannot be triggered, a disabled one not paused).
 */
@EndpointWebExtension(endpoint = ChronosEndpoint.class)
public class ChronosEndpointWebExtension {
  private final ChronosEndpoint delegate;

  public ChronosEndpointWebExtension(ChronosEndpoint delegate) {
    this.delegate = delegate;
  }

  /** {@code GET /actuator/chronos/{jobId}}. */
  @ReadOperation
  public WebEndpointResponse<JobDetailsDescriptor> job(@Selector String jobId) {
    return orNotFound(delegate.job(jobId));
  }

  /** {@code POST /actuator/chronos/{jobId}} with {@code {"action": "trigger"}}. */
  @WriteOperation
  public WebEndpointResponse<Object> jobAction(@Selector String jobId, String action) {
    try {
      JobActionDescriptor done = delegate.jobAction(jobId, action);
      return done != null
          ? new WebEndpointResponse<>(done)
          : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    } catch (NotFoundException e) {
      return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    } catch (ConflictException e) {
      return new WebEndpointResponse<>(Map.of("error", e.getMessage()), 409);
    }
  }

  private static <T> WebEndpointResponse<T> orNotFound(@Nullable T value) {
    return value != null
        ? new WebEndpointResponse<>(value)
        : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
  }
}
