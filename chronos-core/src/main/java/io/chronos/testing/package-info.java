/** Helpers for testing code that uses Chronos: a settable clock. */
@ParametersAreNonnullByDefault
package io.chronos.testing;

import javax.annotation.ParametersAreNonnullByDefault;
