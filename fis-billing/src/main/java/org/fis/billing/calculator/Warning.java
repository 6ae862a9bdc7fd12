package org.fis.billing.calculator;

import java.util.Objects;

/**
 * Something the calculator could not bill as asked, attached to the calculation it concerns. A
 * warning is never silent: it is stored with the issued invoice and printed on it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code why
 * @param detail what exactly, for a human
 */
public record Warning(WarningCode code, String detail) {
  /** Validates the warning. */
  public Warning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }
}
