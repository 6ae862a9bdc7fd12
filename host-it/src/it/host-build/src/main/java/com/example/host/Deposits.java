package com.example.host;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fis.jobs.JobQueue;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.fis.measure.Quantity;
import org.fis.measure.Unit;
import org.jdbi.v3.core.Jdbi;

/** A host service: records a prepayment for energy inside the host's own transaction. */
public final class Deposits {
  private final Jdbi jdbi;
  private final Ledger ledger;

  /** Creates the service on the host's Jdbi. */
  public Deposits(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.ledger =
        Ledger.create(
            LedgerConfig.defaults(), Clock.systemUTC(), AsyncBalanceJobs.queue(JobQueue.create()));
  }

  /** The amount to prepay for an energy quantity at a price per kWh, rounded to cents. */
  public static BigDecimal amountFor(Quantity energy, BigDecimal pricePerKwh) {
    return energy.to(Unit.KWH).multiply(pricePerKwh).setScale(2, RoundingMode.HALF_EVEN);
  }

  /** Posts the deposit; the host's own writes in the same transaction commit with it. */
  public PostingResult deposit(String operationId, String account, BigDecimal amount, Instant at) {
    PostingRequest request =
        PostingRequest.of(
            "main",
            operationId,
            at,
            List.of(Line.debit("bank", amount, "EUR"), Line.credit(account, amount, "EUR")));
    return jdbi.inTransaction(handle -> ledger.post(handle, request));
  }
}
