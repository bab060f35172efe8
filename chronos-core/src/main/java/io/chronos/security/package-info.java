/** Chronos security. Every parameter and return value is non-null unless marked. */
@ParametersAreNonnullByDefault
package io.chronos.security;

import javax.annotation.ParametersAreNonnullByDefault;
