/** Chronos spi. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.spi;

import javax.annotation.ParametersAreNonnullByDefault;
