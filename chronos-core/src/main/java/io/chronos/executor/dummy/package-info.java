/** Chronos executor/dummy. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.executor.dummy;

import javax.annotation.ParametersAreNonnullByDefault;
