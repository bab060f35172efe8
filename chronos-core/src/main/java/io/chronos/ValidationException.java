package io.chronos;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input, refused before anything was stored. Lists every problem found, by field, not just the
 * first one.
 */
public class ValidationException extends ChronosException {
  private static final long serialVersionUID = 1L;

  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super(
        "Invalid input: "
            + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("A ValidationException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** Every problem found, in the order the fields were checked. */
  public List<FieldError> errors() {
    return errors;
  }

  /** True when one of the errors concerns the given field. */
  public boolean hasErrorFor(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }
}
