package org.fis.ledger.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fis.ledger.AccountType;
import org.fis.ledger.Balance;
import org.fis.ledger.CloseResult;
import org.fis.ledger.TrialBalance;
import org.jdbi.v3.core.Handle;

/** Period close, closing balances and trial balances. Not API. Thread-safe (stateless). */
public final class Periods {
  private final Clock clock;
  private final int rowsMax;

  /**
   * Creates the store.
   *
   * @param clock the clock (a period cannot be closed before it ends)
   * @param rowsMax most rows per read
   */
  public Periods(Clock clock, int rowsMax) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rowsMax = rowsMax;
  }

  /**
   * The instant before which the ledger is closed.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @return the latest close's end, or empty when nothing is closed
   */
  public Optional<Instant> closedBefore(Handle handle, String ledgerId) {
    return Optional.ofNullable(
        handle
            .createQuery(
                "SELECT max(period_end) AS closed FROM fis_ledger.period_close"
                    + " WHERE ledger_id = :id")
            .bind("id", ledgerId)
            .map((rs, ctx) -> Db.instant(rs, "closed"))
            .one());
  }

  /**
   * Closes the period ending at {@code periodEnd}. Takes the ledger's advisory lock exclusively
   * (postings take it shared), which waits for every in-flight posting transaction of the ledger
   * and holds new ones back until the caller commits, so no posting can slip into the period being
   * closed.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param periodEnd the exclusive end of the period
   * @return the outcome
   */
  public CloseResult close(Handle handle, String ledgerId, Instant periodEnd) {
    // Exclusive counterpart of the shared lock every posting takes in prepare_submit.
    handle
        .createQuery("SELECT pg_advisory_xact_lock(19524, hashtext(:id))::text")
        .bind("id", ledgerId)
        .mapTo(String.class)
        .one();
    boolean exists =
        handle
            .createQuery("SELECT ledger_id FROM fis_ledger.ledger WHERE ledger_id = :id")
            .bind("id", ledgerId)
            .mapTo(String.class)
            .findOne()
            .isPresent();
    if (!exists) {
      return new CloseResult.LedgerNotFound(ledgerId);
    }
    Instant now = Checks.instant(clock.instant(), "clock");
    if (periodEnd.isAfter(now)) {
      return new CloseResult.NotYetEnded(periodEnd, now);
    }
    Optional<Instant> closed = closedBefore(handle, ledgerId);
    if (closed.isPresent() && !periodEnd.isAfter(closed.get())) {
      return new CloseResult.AlreadyClosed(ledgerId, closed.get());
    }
    handle
        .createUpdate(
            "INSERT INTO fis_ledger.period_close (ledger_id, period_end, closed_at) VALUES (:id, "
                + Db.micros(":end")
                + ", "
                + Db.micros(":now")
                + ")")
        .bind("id", ledgerId)
        .bind("end", Hashes.micros(periodEnd))
        .bind("now", Hashes.micros(now))
        .execute();
    int accounts =
        handle
            .createUpdate(
                "INSERT INTO fis_ledger.closing_balance (ledger_id, period_end, account_id, debits,"
                    + " credits, pending_debits, pending_credits)"
                    + " SELECT :id, "
                    + Db.micros(":end")
                    + ", a.account_id,"
                    + " coalesce(sum(e.debit) FILTER (WHERE e.effect IN ('L','C')), 0),"
                    + " coalesce(sum(e.credit) FILTER (WHERE e.effect IN ('L','C')), 0),"
                    + " coalesce(sum(e.debit) FILTER (WHERE e.effect IN ('H','R')), 0),"
                    + " coalesce(sum(e.credit) FILTER (WHERE e.effect IN ('H','R')), 0)"
                    + " FROM fis_ledger.account a JOIN fis_ledger.entry e"
                    + " ON e.account_id = a.account_id AND e.posting_time < "
                    + Db.micros(":end")
                    + " WHERE a.ledger_id = :id GROUP BY a.account_id")
            .bind("id", ledgerId)
            .bind("end", Hashes.micros(periodEnd))
            .execute();
    return new CloseResult.Closed(ledgerId, closed.orElse(null), periodEnd, accounts);
  }

  /**
   * The closing balances recorded when the period ending at {@code periodEnd} was closed.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param periodEnd the close's end
   * @return the balances ordered by account, empty when no such close exists
   */
  public List<Balance> closingBalances(Handle handle, String ledgerId, Instant periodEnd) {
    return handle
        .createQuery(
            "SELECT c.*, a.account_type, a.currency FROM fis_ledger.closing_balance c"
                + " JOIN fis_ledger.account a USING (account_id)"
                + " WHERE c.ledger_id = :id AND c.period_end = "
                + Db.micros(":end")
                + " ORDER BY c.account_id LIMIT :limit")
        .bind("id", ledgerId)
        .bind("end", Hashes.micros(periodEnd))
        .bind("limit", rowsMax)
        .map(
            (rs, ctx) ->
                new Balance(
                    rs.getString("account_id"),
                    rs.getString("currency"),
                    AccountType.valueOf(rs.getString("account_type")).normalSide(),
                    Db.amount(rs, "debits"),
                    Db.amount(rs, "credits"),
                    Db.amount(rs, "pending_debits"),
                    Db.amount(rs, "pending_credits")))
        .list();
  }

  /**
   * The trial balance of {@code [periodStart, periodEnd)} from the posted entries.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param periodStart inclusive start, or {@code null} for the beginning
   * @param periodEnd exclusive end
   * @return the trial balance
   */
  public TrialBalance trialBalance(
      Handle handle, String ledgerId, Instant periodStart, Instant periodEnd) {
    Long start = periodStart == null ? null : Hashes.micros(periodStart);
    String startSql = Db.micros("CAST(:start AS bigint)");
    List<TrialBalance.Row> rows =
        handle
            .createQuery(
                "SELECT a.account_id, a.account_type, a.currency,"
                    + " coalesce(sum(e.debit - e.credit) FILTER (WHERE e.posting_time < "
                    + startSql
                    + "), 0) AS opening,"
                    + " coalesce(sum(e.debit) FILTER (WHERE CAST(:start AS bigint) IS NULL"
                    + " OR e.posting_time >= "
                    + startSql
                    + "), 0) AS period_debits,"
                    + " coalesce(sum(e.credit) FILTER (WHERE CAST(:start AS bigint) IS NULL"
                    + " OR e.posting_time >= "
                    + startSql
                    + "), 0) AS period_credits,"
                    + " coalesce(sum(e.debit - e.credit), 0) AS closing"
                    + " FROM fis_ledger.account a JOIN fis_ledger.entry e"
                    + " ON e.account_id = a.account_id AND e.effect IN ('L','C')"
                    + " AND e.posting_time < "
                    + Db.micros(":end")
                    + " WHERE a.ledger_id = :id GROUP BY a.account_id, a.account_type, a.currency"
                    + " ORDER BY a.account_id LIMIT :limit")
            .bind("id", ledgerId)
            .bind("start", start)
            .bind("end", Hashes.micros(periodEnd))
            .bind("limit", rowsMax)
            .map(
                (rs, ctx) ->
                    new TrialBalance.Row(
                        rs.getString(1),
                        AccountType.valueOf(rs.getString(2)),
                        rs.getString(3),
                        Db.amount(rs, "opening"),
                        Db.amount(rs, "period_debits"),
                        Db.amount(rs, "period_credits"),
                        Db.amount(rs, "closing")))
            .list();
    return new TrialBalance(ledgerId, periodStart, periodEnd, rows);
  }
}
