package io.chronos.spring.boot.actuate;

import io.chronos.Chronos;
import io.chronos.spring.boot.ChronosAutoConfiguration;
import io.chronos.spring.boot.ChronosDataSource;
import io.chronos.spring.boot.ChronosDataSources;
import io.chronos.spring.boot.ChronosProperties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code chronos} {@link ChronosHealthIndicator health indicator}; turn it off
 * with {@code management.health.chronos.enabled=false}.
 */
@AutoConfiguration(after = ChronosAutoConfiguration.class)
@ConditionalOnClass({
  Chronos.class,
  HealthIndicator.class,
  ConditionalOnEnabledHealthIndicator.class
})
@ConditionalOnBean({Chronos.class, DataSource.class})
@ConditionalOnEnabledHealthIndicator("chronos")
public final class ChronosHealthContributorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "chronosHealthIndicator")
  ChronosHealthIndicator chronosHealthIndicator(
      Chronos chronos,
      ObjectProvider<ChronosProperties> propertiesProvider,
      ObjectProvider<DataSource> dataSources,
      @ChronosDataSource ObjectProvider<DataSource> chronosDataSource) {
    ChronosProperties properties = propertiesProvider.getIfAvailable(ChronosProperties::new);
    return new ChronosHealthIndicator(
        chronos,
        ChronosDataSources.select(dataSources, chronosDataSource),
        properties.getHealth().getDlqThreshold(),
        properties.getHealth().getDlqStatus());
  }
}
