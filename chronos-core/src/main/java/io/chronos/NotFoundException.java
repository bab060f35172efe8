package io.chronos;

/** The job, run or user does not exist, or the actor may not see it. */
public class NotFoundException extends ChronosException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
