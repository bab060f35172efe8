/** The dead-letter queue: runs that retries could not save, with replay and discard. */
@ParametersAreNonnullByDefault
package io.chronos.dlq;

import javax.annotation.ParametersAreNonnullByDefault;
