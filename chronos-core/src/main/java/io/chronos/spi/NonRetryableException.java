package io.chronos.spi;

/** A failure that retrying cannot fix (bad configuration, 4xx answer): the run is not retried. */
public class NonRetryableException extends Exception {
  private static final long serialVersionUID = 1L;

  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
