package io.chronos.security;

import io.chronos.ChronosException;

/** The actor may not do this; the attempt is recorded in the audit trail. */
public class AccessDeniedException extends ChronosException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    super(message);
  }
}
