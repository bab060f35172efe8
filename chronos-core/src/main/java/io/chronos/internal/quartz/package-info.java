/** Chronos internal/quartz. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.internal.quartz;

import javax.annotation.ParametersAreNonnullByDefault;
