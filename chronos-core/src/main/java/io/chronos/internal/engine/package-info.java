/** Chronos internal/engine. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.internal.engine;

import javax.annotation.ParametersAreNonnullByDefault;
