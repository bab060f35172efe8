/** Notifications: rules per job, channels behind an SPI (in-app, webhook, e-mail). */
@ParametersAreNonnullByDefault
package io.chronos.notify;

import javax.annotation.ParametersAreNonnullByDefault;
