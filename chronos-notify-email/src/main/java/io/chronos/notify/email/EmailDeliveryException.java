package io.chronos.notify.email;

/**
 * An e-mail notification could not be delivered. The message names the channel, the SMTP server,
 * the number of attempts and the last failure; never a password.
 */
public final class EmailDeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int attempts;
  private final boolean permanent;

  EmailDeliveryException(String message, int attempts, boolean permanent, Throwable cause) {
    super(message, cause);
    this.attempts = attempts;
    this.permanent = permanent;
  }

  /** How many times the channel tried to send. */
  public int attempts() {
    return attempts;
  }

  /**
   * True when the failure cannot be cured by retrying (a 5xx reply, a refused login, a missing
   * password), so the channel stopped before its last attempt.
   */
  public boolean permanent() {
    return permanent;
  }
}
