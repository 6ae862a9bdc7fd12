package org.fis.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fis.ledger.internal.Checks;
import org.fis.ledger.internal.Json;

/**
 * A request to record a balanced posting. Submitting it again with the same operation id and the
 * same content returns the original posting and writes nothing; the same id with different content
 * is an {@link PostingResult.IdempotencyConflict}. Immutable.
 *
 * @param ledgerId the ledger
 * @param operationId the idempotency key, unique within the ledger
 * @param operationTime when the business operation happened (truncated to microseconds)
 * @param postingTime when the posting takes effect on balances (truncated to microseconds)
 * @param lines 2 to {@value #LINES_MAX} lines, balanced per currency (debits equal credits by
 *     value)
 * @param metadataJson a JSON object (stored as jsonb; compared in canonical form)
 */
public record PostingRequest(
    String ledgerId,
    String operationId,
    Instant operationTime,
    Instant postingTime,
    List<Line> lines,
    String metadataJson)
    implements LedgerCommand {

  /** Most lines in one posting. */
  public static final int LINES_MAX = 256;

  /** Validates the request: line count and balance per currency. */
  public PostingRequest {
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    Checks.id(operationId, "operationId", Checks.OPERATION_ID_LENGTH_MAX);
    operationTime = Checks.instant(operationTime, "operationTime");
    postingTime = Checks.instant(postingTime, "postingTime");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    if (lines.size() < 2 || lines.size() > LINES_MAX) {
      throw new IllegalArgumentException(
          "lines: must have 2 to " + LINES_MAX + " lines, got " + lines.size());
    }
    checkBalanced(lines);
    metadataJson = Json.canonicalObject(metadataJson, "metadataJson");
  }

  /**
   * A request without metadata ({@code {}}) whose operation time equals its posting time.
   *
   * @param ledgerId the ledger
   * @param operationId the idempotency key
   * @param postingTime operation and posting time
   * @param lines the lines
   * @return the request
   */
  public static PostingRequest of(
      String ledgerId, String operationId, Instant postingTime, List<Line> lines) {
    return new PostingRequest(ledgerId, operationId, postingTime, postingTime, lines, "{}");
  }

  /**
   * The same request with other metadata.
   *
   * @param json a JSON object
   * @return a new request
   */
  public PostingRequest withMetadataJson(String json) {
    return new PostingRequest(ledgerId, operationId, operationTime, postingTime, lines, json);
  }

  /**
   * The same request with another operation time.
   *
   * @param time the operation time
   * @return a new request
   */
  public PostingRequest withOperationTime(Instant time) {
    return new PostingRequest(ledgerId, operationId, time, postingTime, lines, metadataJson);
  }

  private static void checkBalanced(List<Line> lines) {
    Map<String, BigDecimal> net = new TreeMap<>();
    for (Line line : lines) {
      Objects.requireNonNull(line, "lines: element");
      BigDecimal signed = line.side() == Side.DEBIT ? line.amount() : line.amount().negate();
      net.merge(line.currency(), signed, BigDecimal::add);
    }
    for (Map.Entry<String, BigDecimal> e : net.entrySet()) {
      if (e.getValue().signum() != 0) {
        throw new IllegalArgumentException(
            "lines: debits and credits in "
                + e.getKey()
                + " differ by "
                + e.getValue().stripTrailingZeros().toPlainString());
      }
    }
  }
}
