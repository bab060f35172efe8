/** Chronos audit. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.audit;

import javax.annotation.ParametersAreNonnullByDefault;
