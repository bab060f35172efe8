/** Chronos schedule. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.schedule;

import javax.annotation.ParametersAreNonnullByDefault;
