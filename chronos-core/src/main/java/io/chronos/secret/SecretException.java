package io.chronos.secret;

import io.chronos.ChronosException;

/** A secret could not be resolved or decrypted; the message names it but never shows a value. */
public class SecretException extends ChronosException {
  private static final long serialVersionUID = 1L;

  public SecretException(String message) {
    super(message);
  }

  public SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
