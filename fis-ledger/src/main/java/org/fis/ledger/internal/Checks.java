package org.fis.ledger.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the API records. Not API. */
public final class Checks {
  /** Fractional digits stored for every amount: {@code numeric(38,9)}. */
  public static final int AMOUNT_SCALE = 9;

  /** Integer digits that fit {@code numeric(38,9)}. */
  public static final int AMOUNT_INTEGER_DIGITS_MAX = 29;

  /** Longest ledger or account id. */
  public static final int ID_LENGTH_MAX = 64;

  /** Longest operation id. */
  public static final int OPERATION_ID_LENGTH_MAX = 128;

  private static final Pattern CURRENCY = Pattern.compile("[A-Z0-9]{3,12}");

  private Checks() {}

  /**
   * Checks an id: not null, 1..max characters, no control characters.
   *
   * @param value the id
   * @param name the parameter name for the message
   * @param lengthMax the longest allowed id
   * @return the id
   */
  public static String id(String value, String name, int lengthMax) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.length() > lengthMax) {
      throw new IllegalArgumentException(
          name + ": must have 1 to " + lengthMax + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(name + ": must not contain control characters");
      }
    }
    return value;
  }

  /**
   * Checks a currency code: 3 to 12 upper-case letters or digits.
   *
   * @param value the code
   * @param name the parameter name
   * @return the code
   */
  public static String currency(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!CURRENCY.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + ": must be 3 to 12 upper-case letters or digits, got '" + value + "'");
    }
    return value;
  }

  /**
   * Checks a positive amount that fits {@code numeric(38,9)} without rounding, and returns it at
   * scale 9 (so that equal values compare equal whatever scale the caller used).
   *
   * @param value the amount
   * @param name the parameter name
   * @return the amount at scale 9
   */
  public static BigDecimal amount(BigDecimal value, String name) {
    Objects.requireNonNull(value, name);
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value.toPlainString());
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > AMOUNT_SCALE) {
      throw new IllegalArgumentException(
          name
              + ": has more than "
              + AMOUNT_SCALE
              + " fractional digits (the ledger never rounds), got "
              + value.toPlainString());
    }
    if (stripped.precision() - stripped.scale() > AMOUNT_INTEGER_DIGITS_MAX) {
      throw new IllegalArgumentException(
          name + ": is too large (at most " + AMOUNT_INTEGER_DIGITS_MAX + " integer digits)");
    }
    return value.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY);
  }

  /**
   * Checks an instant and truncates it to microseconds, PostgreSQL's precision.
   *
   * @param value the instant
   * @param name the parameter name
   * @return the instant truncated to microseconds
   */
  public static Instant instant(Instant value, String name) {
    Objects.requireNonNull(value, name);
    return value.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Checks an optional instant and truncates it to microseconds.
   *
   * @param value the instant or {@code null}
   * @param name the parameter name
   * @return the truncated instant or {@code null}
   */
  public static Instant optionalInstant(Instant value, String name) {
    return value == null ? null : instant(value, name);
  }
}
