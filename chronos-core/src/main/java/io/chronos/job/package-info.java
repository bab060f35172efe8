/** Chronos job. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.job;

import javax.annotation.ParametersAreNonnullByDefault;
