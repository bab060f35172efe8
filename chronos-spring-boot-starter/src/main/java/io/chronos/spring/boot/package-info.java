/**
 * Spring Boot auto-configuration for Chronos: the node as a bean, {@code chronos.*} properties,
 * {@link io.chronos.spring.boot.ChronosJob @ChronosJob} methods. Every parameter and return value
 * is non-null unless marked.
 */
@ParametersAreNonnullByDefault
package io.chronos.spring.boot;

import javax.annotation.ParametersAreNonnullByDefault;
