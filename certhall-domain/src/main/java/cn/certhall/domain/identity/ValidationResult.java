package cn.certhall.domain.identity;

import java.util.Objects;

/**
 * The outcome of a validator: the normalised value, or the failure. {@link #toString()} never shows
 * the value, which is usually personal data.
 */
public final class ValidationResult {

  private final String value;
  private final ValidationFailure failure;

  private ValidationResult(String value, ValidationFailure failure) {
    this.value = value;
    this.failure = failure;
  }

  public static ValidationResult valid(String value) {
    return new ValidationResult(Objects.requireNonNull(value, "value"), null);
  }

  public static ValidationResult invalid(Field field, ValidationError error) {
    return new ValidationResult(null, new ValidationFailure(field, error));
  }

  public boolean isValid() {
    return failure == null;
  }

  /** The normalised value; only for a valid result. */
  public String value() {
    if (!isValid()) {
      throw new IllegalStateException("invalid " + failure.field() + ": " + failure.error());
    }
    return value;
  }

  /** Why the value was refused; only for an invalid result. */
  public ValidationFailure failure() {
    if (isValid()) {
      throw new IllegalStateException("the value is valid");
    }
    return failure;
  }

  @Override
  public String toString() {
    return isValid() ? "valid" : "invalid " + failure.field() + ": " + failure.error();
  }
}
