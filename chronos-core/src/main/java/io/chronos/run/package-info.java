/** Chronos run. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.run;

import javax.annotation.ParametersAreNonnullByDefault;
