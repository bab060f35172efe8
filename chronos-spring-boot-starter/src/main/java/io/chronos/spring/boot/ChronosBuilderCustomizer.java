package io.chronos.spring.boot;

import io.chronos.ChronosBuilder;

/**
 * Changes the {@link ChronosBuilder} of the auto-configured node after the {@code chronos.*}
 * properties, the DataSource and the executor beans were applied. Beans of this type are applied in
 * their {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface ChronosBuilderCustomizer {

  /** Customizes the builder, e.g. to set a clock or the log batch size. */
  void customize(ChronosBuilder builder);
}
