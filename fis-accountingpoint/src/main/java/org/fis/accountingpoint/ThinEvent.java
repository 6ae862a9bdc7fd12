package org.fis.accountingpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * A thin datahub event: "something about this accounting point changed". It carries no data; it
 * only makes the accounting point due for a prompt sync. Idempotency key: (GSRN, event id).
 *
 * @param eventId the sender's event id (1 to 200 characters)
 * @param gsrn the accounting point
 * @param occurredAt when it happened at the sender
 */
public record ThinEvent(String eventId, Gsrn gsrn, Instant occurredAt) {
  /** Validates. */
  public ThinEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(gsrn, "gsrn");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (eventId.isEmpty() || eventId.length() > 200) {
      throw new IllegalArgumentException("eventId: must have 1 to 200 characters");
    }
  }
}
