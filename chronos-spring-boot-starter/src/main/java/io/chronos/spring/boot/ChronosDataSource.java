package io.chronos.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the DataSource Chronos uses when the application has several, or wants Chronos on a
 * database of its own. Without it, Chronos uses the application's only (or primary) DataSource.
 *
 * <pre>{@code
 * @Bean
 * @ChronosDataSource
 * DataSource chronosDataSource() { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ChronosDataSource {}
