/**
 * Actuator support for Chronos: the {@code chronos} endpoint and health indicator. Every parameter
 * and return value is non-null unless marked.
 */
@ParametersAreNonnullByDefault
package io.chronos.spring.boot.actuate;

import javax.annotation.ParametersAreNonnullByDefault;
