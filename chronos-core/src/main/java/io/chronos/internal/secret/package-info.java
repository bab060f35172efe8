/** Encryption of stored secrets and resolution of secret references. */
@ParametersAreNonnullByDefault
package io.chronos.internal.secret;

import javax.annotation.ParametersAreNonnullByDefault;
