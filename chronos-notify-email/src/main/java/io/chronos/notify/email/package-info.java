/**
 * The e-mail notification channel: {@link io.chronos.notify.email.EmailChannel} sends plain-text
 * mail over SMTP through Jakarta Mail. Register it with {@code
 * ChronosBuilder.notificationChannel(...)} and name it in a job's notification rules.
 */
@ParametersAreNonnullByDefault
package io.chronos.notify.email;

import javax.annotation.ParametersAreNonnullByDefault;
