/** Chronos internal/dialect. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.internal.dialect;

import javax.annotation.ParametersAreNonnullByDefault;
