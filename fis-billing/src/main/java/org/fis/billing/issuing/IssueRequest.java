package org.fis.billing.issuing;

import java.util.List;
import java.util.Objects;
import org.fis.billing.calculator.InvoiceRequest;

/**
 * What to issue: the issuer, the calculator input, and the host's own snapshots to archive with the
 * invoice. Immutable and thread-safe.
 *
 * @param issuerId who issues; numbering is per issuer and year
 * @param input the network user, period and meters to bill
 * @param hostSnapshots further inputs to archive (e.g. the network user's name and address)
 */
public record IssueRequest(String issuerId, InvoiceRequest input, List<Snapshot> hostSnapshots) {
  /** A bound on host snapshots per invoice. */
  public static final int HOST_SNAPSHOTS_MAX = 1_000;

  /** Validates the request. */
  public IssueRequest {
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(hostSnapshots, "hostSnapshots");
    if (issuerId.isBlank()) {
      throw new IllegalArgumentException("issuerId: must not be blank");
    }
    if (hostSnapshots.size() > HOST_SNAPSHOTS_MAX) {
      throw new IllegalArgumentException("hostSnapshots: more than " + HOST_SNAPSHOTS_MAX);
    }
    hostSnapshots = List.copyOf(hostSnapshots);
  }
}
