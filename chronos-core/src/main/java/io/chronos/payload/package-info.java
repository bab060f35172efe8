/** Chronos payload. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.payload;

import javax.annotation.ParametersAreNonnullByDefault;
