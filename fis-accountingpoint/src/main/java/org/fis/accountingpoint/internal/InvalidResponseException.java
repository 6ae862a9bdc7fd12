package org.fis.accountingpoint.internal;

/** An adapter response broke the contract; the message names the field and the reason. */
public final class InvalidResponseException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param field the JSON path of the offending field, e.g. {@code energy_supplier[1].business_id}
   * @param reason why it is invalid
   */
  public InvalidResponseException(String field, String reason) {
    super(field + ": " + reason);
  }
}
