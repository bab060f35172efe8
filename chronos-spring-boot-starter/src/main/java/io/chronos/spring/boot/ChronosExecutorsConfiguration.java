package io.chronos.spring.boot;

import io.chronos.executor.filesystem.FileSystemExecutor;
import io.chronos.executor.http.HttpExecutor;
import io.chronos.executor.script.ScriptExecutor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in executors as beans configured from {@code chronos.executors.*}; a bean of the same
 * class declared by the host wins. They replace the instances found through ServiceLoader.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChronosExecutorProperties.class)
class ChronosExecutorsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  HttpExecutor chronosHttpExecutor(ChronosExecutorProperties properties) {
    return new HttpExecutor(properties.getHttp().toSettings());
  }

  @Bean
  @ConditionalOnMissingBean
  ScriptExecutor chronosScriptExecutor(ChronosExecutorProperties properties) {
    return new ScriptExecutor(properties.getScript().toSettings());
  }

  @Bean
  @ConditionalOnMissingBean
  FileSystemExecutor chronosFileSystemExecutor(ChronosExecutorProperties properties) {
    return new FileSystemExecutor(properties.getFileSystem().toSettings());
  }
}
