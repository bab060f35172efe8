/** Notification delivery: the asynchronous notifier and the in-app channel. */
@ParametersAreNonnullByDefault
package io.chronos.internal.notify;

import javax.annotation.ParametersAreNonnullByDefault;
