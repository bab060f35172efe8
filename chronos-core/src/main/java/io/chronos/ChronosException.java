package io.chronos;

/** The root of every exception Chronos throws from its public API. */
public class ChronosException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChronosException(String message) {
    super(message);
  }

  public ChronosException(String message, Throwable cause) {
    super(message, cause);
  }
}
