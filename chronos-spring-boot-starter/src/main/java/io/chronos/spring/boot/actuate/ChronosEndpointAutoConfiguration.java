package io.chronos.spring.boot.actuate;

import io.chronos.Chronos;
import io.chronos.spring.boot.ChronosAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@link ChronosEndpoint} when the actuator is present and the endpoint is
 * available (enabled and exposed, e.g. {@code management.endpoints.web.exposure.include=chronos}).
 */
@AutoConfiguration(after = ChronosAutoConfiguration.class)
@ConditionalOnClass({Chronos.class, Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(ChronosEndpoint.class)
public final class ChronosEndpointAutoConfiguration {

  @Bean
  @ConditionalOnBean(Chronos.class)
  @ConditionalOnMissingBean
  ChronosEndpoint chronosEndpoint(Chronos chronos) {
    return new ChronosEndpoint(chronos);
  }

  @Bean
  @ConditionalOnBean(ChronosEndpoint.class)
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
  ChronosEndpointWebExtension chronosEndpointWebExtension(ChronosEndpoint endpoint) {
    return new ChronosEndpointWebExtension(endpoint);
  }
}
