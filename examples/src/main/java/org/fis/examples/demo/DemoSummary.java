package org.fis.examples.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.ledger.TrialBalance;

/**
 * What a demo run did and whether its results hold together.
 *
 * @param accountingPointsSynced accounting points stored after the sync
 * @param measurementsStored measurements pushed and acknowledged
 * @param invoices the issued invoices
 * @param trialBalance the journal's trial balance after the run
 * @param checks every consistency check, passed or not
 * @param report the HTML report's index page
 */
public record DemoSummary(
    int accountingPointsSynced,
    long measurementsStored,
    List<IssuedInvoice> invoices,
    TrialBalance trialBalance,
    List<Check> checks,
    Path report) {

  /**
   * One consistency check of the demo's results.
   *
   * @param name what is checked
   * @param passed whether it holds
   * @param detail the figures compared
   */
  public record Check(String name, boolean passed, String detail) {}

  /** Whether every check passed. */
  public boolean allPassed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The sum of the invoices' gross totals. */
  public BigDecimal grossTotal() {
    return invoices.stream()
        .map(issued -> issued.invoice().grossTotal())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
