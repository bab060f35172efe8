/** Retry policies: backoff, retried and aborted failure categories, then dead-letter. */
@ParametersAreNonnullByDefault
package io.chronos.retry;

import javax.annotation.ParametersAreNonnullByDefault;
