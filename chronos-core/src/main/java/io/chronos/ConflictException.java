package io.chronos;

/**
 * The request is valid but the entity's current state does not allow it (e.g. run a paused job).
 */
public class ConflictException extends ChronosException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
