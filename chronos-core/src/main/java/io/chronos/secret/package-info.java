/** Secrets in payloads: by reference or encrypted at rest, masked everywhere. */
@ParametersAreNonnullByDefault
package io.chronos.secret;

import javax.annotation.ParametersAreNonnullByDefault;
