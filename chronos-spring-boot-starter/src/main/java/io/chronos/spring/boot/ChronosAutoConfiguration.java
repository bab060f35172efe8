package io.chronos.spring.boot;

import io.chronos.Chronos;
import io.chronos.ChronosBuilder;
import io.chronos.notify.NotificationChannel;
import io.chronos.spi.JobExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.ResourceTransactionManager;

/**
 * Auto-configures a {@link Chronos} node on the application's DataSource: built from the {@code
 * chronos.*} properties, every {@link JobExecutor} bean, the {@link MeterRegistry} and {@link
 * ObservationRegistry} (when there is exactly one of each) and every {@link
 * ChronosBuilderCustomizer} bean; started and stopped with the application context; with {@link
 * ChronosJob @ChronosJob} methods reconciled at start-up.
 *
 * <p>The DataSource is the one marked {@link ChronosDataSource @ChronosDataSource}, else the
 * application's only (or primary) one. The application's transaction manager is used when it
 * manages that DataSource, so Chronos calls join the application's transactions; otherwise Chronos
 * manages its own.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
@ConditionalOnClass(Chronos.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "chronos", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ChronosProperties.class)
@Import({DatabaseInitializationDependencyConfigurer.class, ChronosExecutorsConfiguration.class})
public final class ChronosAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  Chronos chronos(
      ChronosProperties properties,
      ObjectProvider<DataSource> dataSources,
      @ChronosDataSource ObjectProvider<DataSource> chronosDataSource,
      ObjectProvider<PlatformTransactionManager> transactionManagers,
      ObjectProvider<JobExecutor<?>> executors,
      ObjectProvider<ChronosBuilderCustomizer> customizers,
      ObjectProvider<MeterRegistry> meterRegistries,
      ObjectProvider<ObservationRegistry> observationRegistries,
      ObjectProvider<NotificationChannel> notificationChannels) {
    DataSource dataSource = ChronosDataSources.select(dataSources, chronosDataSource);
    ChronosBuilder builder = Chronos.builder().dataSource(dataSource);
    transactionManagerFor(dataSource, transactionManagers).ifPresent(builder::transactionManager);
    properties.applyTo(builder);
    executors.orderedStream().forEach(builder::executor);
    meterRegistries.ifUnique(builder::meterRegistry);
    observationRegistries.ifUnique(builder::observationRegistry);
    notificationChannels.orderedStream().forEach(builder::notificationChannel);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean
  static ChronosJobAnnotationBeanPostProcessor chronosJobAnnotationBeanPostProcessor() {
    return new ChronosJobAnnotationBeanPostProcessor();
  }

  @Bean
  @ConditionalOnMissingBean
  MethodJobExecutor methodJobExecutor(
      ChronosJobAnnotationBeanPostProcessor declarations, BeanFactory beanFactory) {
    return new MethodJobExecutor(declarations, beanFactory);
  }

  @Bean
  @ConditionalOnMissingBean
  ChronosLifecycle chronosLifecycle(
      Chronos chronos,
      ChronosJobAnnotationBeanPostProcessor declarations,
      ChronosProperties properties) {
    return new ChronosLifecycle(
        chronos,
        new JobReconciler(
            chronos.jobs(),
            declarations::declaredJobs,
            properties.getDefaultZone(),
            properties.getReconcile().isDisableRemoved()));
  }

  /** The application's transaction manager when it manages exactly this DataSource. */
  static Optional<PlatformTransactionManager> transactionManagerFor(
      DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManagers) {
    return transactionManagers
        .orderedStream()
        .filter(
            manager ->
                manager instanceof ResourceTransactionManager resource
                    && resource.getResourceFactory() == dataSource)
        .findFirst();
  }
}
