/** Chronos internal/json. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.internal.json;

import javax.annotation.ParametersAreNonnullByDefault;
