package org.fis.measure.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one law property of a {@link LawRunner} run checked.
 *
 * @param uniqueId the property's identity in the run
 * @param label the container and property, e.g. {@code TariffAdditionLaws:operation_is_associative}
 * @param status passed, failed or aborted
 * @param tries the tries generated
 * @param checks the tries actually checked (tries minus assumptions not met)
 * @param seed the seed the property ran with
 * @param shrunkSample for a failure: the smallest failing parameters jqwik shrank to
 * @param failure for a failure: its message
 */
public record LawResult(
    String uniqueId,
    String label,
    Status status,
    int tries,
    int checks,
    String seed,
    Optional<List<Object>> shrunkSample,
    Optional<String> failure) {

  /** The outcome of a law property. */
  public enum Status {
    /** Held on every try. */
    PASSED,
    /** Falsified (or could not run). */
    FAILED,
    /** Aborted (for example every try violated an assumption). */
    ABORTED
  }

  /** Validates. */
  public LawResult {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(shrunkSample, "shrunkSample");
    Objects.requireNonNull(failure, "failure");
  }
}
