package org.fis.measure.testkit;

import java.util.List;
import java.util.Objects;

/**
 * The result of a {@link LawRunner} run: the settings and one {@link LawResult} per property.
 *
 * @param tries tries per property
 * @param seed the seed
 * @param results the properties' results, in execution order
 */
public record LawRunReport(int tries, long seed, List<LawResult> results) {
  /** Validates and copies. */
  public LawRunReport {
    results = List.copyOf(Objects.requireNonNull(results, "results"));
  }

  /**
   * Whether every law held and at least one was checked.
   *
   * @return true if all passed
   */
  public boolean passed() {
    return !results.isEmpty()
        && results.stream().allMatch(r -> r.status() == LawResult.Status.PASSED);
  }

  /**
   * The report as text, one line per law, failures with their shrunk sample.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("laws: ").append(results.size()).append(" checked, ");
    text.append(tries).append(" tries each, seed ").append(seed).append('\n');
    for (LawResult result : results) {
      text.append(
          String.format(
              "  %-7s %s (%d tries, %d checked)%n",
              result.status(), result.label(), result.tries(), result.checks()));
      result
          .shrunkSample()
          .ifPresent(
              sample ->
                  text.append("          smallest failing case: ").append(sample).append('\n'));
      if (result.status() != LawResult.Status.PASSED) {
        result
            .failure()
            .ifPresent(
                message ->
                    text.append("          ")
                        .append(message.replace("\n", "\n          "))
                        .append('\n'));
      }
    }
    long failed = results.stream().filter(r -> r.status() != LawResult.Status.PASSED).count();
    text.append(results.size() - failed).append(" passed, ").append(failed).append(" failed");
    return text.toString();
  }
}
