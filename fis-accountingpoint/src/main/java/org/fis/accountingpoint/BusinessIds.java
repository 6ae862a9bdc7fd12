package org.fis.accountingpoint;

import java.util.regex.Pattern;

/**
 * Validators for the business identifiers of the adapter contract: GSRN and GLN (GS1 mod-10 check
 * digit), EIC-Y (mod-37 check character) and end user ids (organisation number or person id).
 *
 * <p>Stateless and thread-safe. Each {@code xxxProblem} method returns {@code null} when the value
 * is valid and otherwise a short reason, so that callers can name the field in their own error.
 */
public final class BusinessIds {
  private static final Pattern GSRN = Pattern.compile("^[1-9][0-9]{17}$");
  private static final Pattern GLN = Pattern.compile("^[1-9][0-9]{12}$");
  private static final Pattern EIC_Y = Pattern.compile("^[0-9]{2}Y[0-9A-Z-]{12}[0-9A-Z]$");
  private static final Pattern ORGANISATION_NUMBER = Pattern.compile("^[1-9][0-9]{8}$");
  private static final Pattern PERSON_ID = Pattern.compile("^[0-9]{11}$");
  private static final String EIC_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

  private BusinessIds() {}

  /**
   * Why a GSRN is invalid, or {@code null} if it is valid.
   *
   * @param value the candidate
   * @return the reason or {@code null}
   */
  public static String gsrnProblem(String value) {
    if (value == null || !GSRN.matcher(value).matches()) {
      return "must be 18 digits not starting with 0";
    }
    return gs1CheckDigitOk(value) ? null : "has a wrong GS1 check digit";
  }

  /**
   * Why a GLN is invalid, or {@code null} if it is valid.
   *
   * @param value the candidate
   * @return the reason or {@code null}
   */
  public static String glnProblem(String value) {
    if (value == null || !GLN.matcher(value).matches()) {
      return "must be 13 digits not starting with 0";
    }
    return gs1CheckDigitOk(value) ? null : "has a wrong GS1 check digit";
  }

  /**
   * Why an EIC-Y code is invalid, or {@code null} if it is valid.
   *
   * @param value the candidate
   * @return the reason or {@code null}
   */
  public static String eicYProblem(String value) {
    if (value == null || !EIC_Y.matcher(value).matches()) {
      return "must be an EIC-Y code: 2 digits, 'Y', 12 of [0-9A-Z-] and a check character";
    }
    return eicCheckCharacter(value.substring(0, 15)) == value.charAt(15)
        ? null
        : "has a wrong EIC check character";
  }

  /**
   * Why an end user business id is invalid for its entity type, or {@code null} if it is valid.
   *
   * @param value the candidate
   * @param type the entity type: organisations have 9-digit organisation numbers not starting with
   *     0, persons 11-digit person ids
   * @return the reason or {@code null}
   */
  public static String endUserProblem(String value, EntityType type) {
    if (type == EntityType.ORGANISATION) {
      return value != null && ORGANISATION_NUMBER.matcher(value).matches()
          ? null
          : "must be an organisation number (9 digits not starting with 0)";
    }
    return value != null && PERSON_ID.matcher(value).matches()
        ? null
        : "must be a person id (11 digits)";
  }

  /**
   * The entity type an end user id's shape implies: 11 digits is a person, 9 digits not starting
   * with 0 an organisation.
   *
   * @param value the end user business id
   * @return the type, or {@code null} if the value has neither shape
   */
  public static EntityType entityTypeOf(String value) {
    if (value == null) {
      return null;
    }
    if (PERSON_ID.matcher(value).matches()) {
      return EntityType.PERSON;
    }
    return ORGANISATION_NUMBER.matcher(value).matches() ? EntityType.ORGANISATION : null;
  }

  /**
   * The GS1 mod-10 check digit for a payload (all digits but the check digit).
   *
   * @param payload the digits before the check digit
   * @return the check digit, 0 to 9
   */
  public static int gs1CheckDigit(String payload) {
    int sum = 0;
    boolean weightThree = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int digit = payload.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        throw new IllegalArgumentException("payload: not a digit at " + i);
      }
      sum += weightThree ? 3 * digit : digit;
      weightThree = !weightThree;
    }
    return (10 - sum % 10) % 10;
  }

  /**
   * The EIC check character for the first 15 characters of a code.
   *
   * @param first15 the first 15 characters, each of [0-9A-Z-]
   * @return the check character
   */
  public static char eicCheckCharacter(String first15) {
    if (first15.length() != 15) {
      throw new IllegalArgumentException("first15: must have 15 characters");
    }
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      int code = EIC_ALPHABET.indexOf(first15.charAt(i));
      if (code < 0) {
        throw new IllegalArgumentException("first15: invalid character at " + i);
      }
      sum += code * (16 - i);
    }
    return EIC_ALPHABET.charAt(36 - Math.floorMod(sum - 1, 37));
  }

  private static boolean gs1CheckDigitOk(String value) {
    int last = value.length() - 1;
    return gs1CheckDigit(value.substring(0, last)) == value.charAt(last) - '0';
  }
}
