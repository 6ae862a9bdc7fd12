package org.fis.ledger;

import java.time.Instant;
import org.fis.ledger.internal.Checks;
import org.fis.ledger.internal.Json;

/**
 * Releases a pending hold without posting it. Immutable.
 *
 * @param ledgerId the ledger
 * @param operationId the void's own operation id (idempotency key)
 * @param holdOperationId the hold
 * @param operationTime when the void was decided
 * @param postingTime when the release takes effect
 * @param metadataJson a JSON object
 */
public record VoidRequest(
    String ledgerId,
    String operationId,
    String holdOperationId,
    Instant operationTime,
    Instant postingTime,
    String metadataJson)
    implements LedgerCommand {
  /** Validates the request. */
  public VoidRequest {
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    Checks.id(operationId, "operationId", Checks.OPERATION_ID_LENGTH_MAX);
    Checks.id(holdOperationId, "holdOperationId", Checks.OPERATION_ID_LENGTH_MAX);
    operationTime = Checks.instant(operationTime, "operationTime");
    postingTime = Checks.instant(postingTime, "postingTime");
    metadataJson = Json.canonicalObject(metadataJson, "metadataJson");
  }
}
