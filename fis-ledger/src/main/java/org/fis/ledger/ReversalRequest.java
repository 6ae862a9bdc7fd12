package org.fis.ledger;

import java.time.Instant;
import org.fis.ledger.internal.Checks;
import org.fis.ledger.internal.Json;

/**
 * Reverses another operation's current version: records its lines with sides swapped, at this
 * request's posting time (which must lie in an open period). An operation is reversed at most once;
 * a reversed operation can no longer be superseded. Immutable.
 *
 * @param ledgerId the ledger
 * @param operationId the reversal's own operation id (idempotency key)
 * @param reversedOperationId the operation to reverse
 * @param operationTime when the reversal was decided
 * @param postingTime when the reversal takes effect
 * @param metadataJson a JSON object
 */
public record ReversalRequest(
    String ledgerId,
    String operationId,
    String reversedOperationId,
    Instant operationTime,
    Instant postingTime,
    String metadataJson)
    implements LedgerCommand {
  /** Validates the request. */
  public ReversalRequest {
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    Checks.id(operationId, "operationId", Checks.OPERATION_ID_LENGTH_MAX);
    Checks.id(reversedOperationId, "reversedOperationId", Checks.OPERATION_ID_LENGTH_MAX);
    if (operationId.equals(reversedOperationId)) {
      throw new IllegalArgumentException(
          "reversedOperationId: must differ from operationId " + operationId);
    }
    operationTime = Checks.instant(operationTime, "operationTime");
    postingTime = Checks.instant(postingTime, "postingTime");
    metadataJson = Json.canonicalObject(metadataJson, "metadataJson");
  }
}
