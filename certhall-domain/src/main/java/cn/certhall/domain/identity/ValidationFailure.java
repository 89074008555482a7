package cn.certhall.domain.identity;

import java.util.Objects;

/** Which kind of value was refused and why; carries no part of the value itself. */
public record ValidationFailure(Field field, ValidationError error) {

  public ValidationFailure {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(error, "error");
  }
}
