package org.fis.iot;

import java.util.List;
import java.util.Objects;

/** The outcome of ingesting one batch: a business result, never an exception. */
public sealed interface IngestResult {
  /**
   * The batch (or, with {@link BatchPolicy#PARTIAL}, its valid part) is written in the caller's
   * transaction.
   *
   * @param stored measurements newly stored
   * @param duplicates measurements identical to ones already stored (ignored: nothing changes)
   * @param rejected the measurements not stored and why (only with {@link BatchPolicy#PARTIAL})
   */
  record Stored(int stored, int duplicates, List<MeasurementError> rejected)
      implements IngestResult {
    /** Validates the record. */
    public Stored {
      rejected = List.copyOf(Objects.requireNonNull(rejected, "rejected"));
      if (stored < 0 || duplicates < 0) {
        throw new IllegalArgumentException("stored and duplicates: must be >= 0");
      }
    }
  }

  /**
   * Nothing was written.
   *
   * @param errors every error found, at least one
   * @param conflict true when at least one error is a conflict with stored data
   */
  record Rejected(List<MeasurementError> errors, boolean conflict) implements IngestResult {
    /** Validates the record. */
    public Rejected {
      errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("errors: must not be empty");
      }
    }
  }

  /**
   * The device may not push some of the batch's meters (assigned to another device); nothing was
   * written.
   *
   * @param meterIds the meters the device may not push
   */
  record Forbidden(List<String> meterIds) implements IngestResult {
    /** Validates the record. */
    public Forbidden {
      meterIds = List.copyOf(Objects.requireNonNull(meterIds, "meterIds"));
    }
  }
}
