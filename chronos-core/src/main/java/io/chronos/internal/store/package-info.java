/** Chronos internal/store. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.internal.store;

import javax.annotation.ParametersAreNonnullByDefault;
