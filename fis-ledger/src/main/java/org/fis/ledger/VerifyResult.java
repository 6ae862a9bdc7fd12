package org.fis.ledger;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Ledger#verify}: what was checked and every problem found. Immutable.
 *
 * @param ledgerId the ledger
 * @param postingsChecked postings whose record hash was recomputed
 * @param linksChecked chain links recomputed
 * @param problems one sentence per problem (empty when intact), at most {@value #PROBLEMS_MAX}
 */
public record VerifyResult(
    String ledgerId, long postingsChecked, long linksChecked, List<String> problems) {
  /** Most problems reported. */
  public static final int PROBLEMS_MAX = 1_000;

  /** Validates the result. */
  public VerifyResult {
    Objects.requireNonNull(ledgerId, "ledgerId");
    problems = List.copyOf(problems);
  }

  /**
   * Whether no problem was found.
   *
   * @return {@code true} when every hash and link matches
   */
  public boolean intact() {
    return problems.isEmpty();
  }
}
