/** Chronos public API. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos;

import javax.annotation.ParametersAreNonnullByDefault;
