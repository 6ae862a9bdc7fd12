package org.fis.ledger;

/** The state of a two-phase hold. Immutable. */
public enum HoldState {
  /** Reserved, not yet captured, voided or expired. */
  PENDING,
  /** Posted fully or partly by a capture. */
  CAPTURED,
  /** Released by a void. */
  VOIDED,
  /** Past its expiry time: can no longer be captured or voided. */
  EXPIRED
}
