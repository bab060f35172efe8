/** Chronos internal. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.internal;

import javax.annotation.ParametersAreNonnullByDefault;
