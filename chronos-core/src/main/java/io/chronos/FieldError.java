package io.chronos;

/**
 * One problem with one field of the input, e.g. {@code schedule.cron: invalid cron expression}.
 *
 * @param field the dotted path of the field, e.g. {@code name} or {@code payload.url}
 * @param message what is wrong, in words a user can act on
 */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
