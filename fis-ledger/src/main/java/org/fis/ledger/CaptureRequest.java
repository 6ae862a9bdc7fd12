package org.fis.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import org.fis.ledger.internal.Checks;
import org.fis.ledger.internal.Json;

/**
 * The second phase of a two-phase transfer: posts a pending hold fully, or partly (two-line holds
 * only), and releases the whole reservation. A hold is captured, voided or expired at most once.
 * Immutable.
 *
 * @param ledgerId the ledger
 * @param operationId the capture's own operation id (idempotency key)
 * @param holdOperationId the hold
 * @param amount the amount to post, at most the held amount; {@code null} posts the hold fully
 * @param operationTime when the capture was decided
 * @param postingTime when the posted lines take effect
 * @param metadataJson a JSON object
 */
public record CaptureRequest(
    String ledgerId,
    String operationId,
    String holdOperationId,
    BigDecimal amount,
    Instant operationTime,
    Instant postingTime,
    String metadataJson)
    implements LedgerCommand {
  /** Validates the request. */
  public CaptureRequest {
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    Checks.id(operationId, "operationId", Checks.OPERATION_ID_LENGTH_MAX);
    Checks.id(holdOperationId, "holdOperationId", Checks.OPERATION_ID_LENGTH_MAX);
    amount = amount == null ? null : Checks.amount(amount, "amount");
    operationTime = Checks.instant(operationTime, "operationTime");
    postingTime = Checks.instant(postingTime, "postingTime");
    metadataJson = Json.canonicalObject(metadataJson, "metadataJson");
  }
}
