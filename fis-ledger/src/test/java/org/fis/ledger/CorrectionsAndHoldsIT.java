package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.ledger.Fixtures.T0;
import static org.fis.ledger.Fixtures.eur;
import static org.fis.ledger.Fixtures.posted;
import static org.fis.ledger.Fixtures.transfer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = LedgerMigrations.class)
class CorrectionsAndHoldsIT {
  private static final AtomicInteger LEDGERS = new AtomicInteger();
  private final SettableClock clock = new SettableClock(T0.plus(Duration.ofDays(30)));
  private final Ledger ledger =
      Ledger.create(LedgerConfig.defaults(), clock, BalanceTaskQueue.none());
  private final Jdbi jdbi;
  private String l;

  CorrectionsAndHoldsIT(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @BeforeEach
  void freshLedger() {
    l = "L" + LEDGERS.incrementAndGet();
    Fixtures.ledger(jdbi, ledger, l);
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of(l + "bank", l, "Bank", AccountType.ASSET, "EUR"));
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of(l + "a", l, "A", AccountType.LIABILITY, "EUR"));
    Fixtures.account(
        jdbi,
        ledger,
        AccountDefinition.of(l + "wallet", l, "Wallet", AccountType.LIABILITY, "EUR")
            .withBalanceConstraint(BalanceConstraint.DEBITS_MUST_NOT_EXCEED_CREDITS));
  }

  private PostingResult run(LedgerCommand command) {
    return jdbi.inTransaction(h -> ledger.submit(h, List.of(command)).get(0));
  }

  private List<PostingResult> expire() {
    return jdbi.inTransaction(h -> ledger.expireHolds(h, l, 10));
  }

  private CloseResult close(Instant end) {
    return jdbi.inTransaction(h -> ledger.closePeriod(h, l, end));
  }

  private Balance balance(String account) {
    return jdbi.withHandle(h -> ledger.balance(h, l + account));
  }

  private Balance balanceAt(String account, BalanceAt at) {
    return jdbi.withHandle(h -> ledger.balanceAt(h, l + account, at));
  }

  private PostingRequest fund(String op, String amount, Instant at) {
    return transfer(l, op, l + "bank", l + "wallet", amount, at);
  }

  @Test
  void superseding_replaces_the_old_version_in_every_balance_and_keeps_it_stored() {
    posted(run(transfer(l, "op", l + "bank", l + "a", "100", T0)));
    clock.advance(Duration.ofHours(1));
    Instant beforeCorrection = clock.instant();
    clock.advance(Duration.ofHours(1));
    Posting v2 =
        posted(
                run(
                    new SupersedeRequest(
                        transfer(l, "op", l + "bank", l + "a", "140", T0.plusSeconds(5)))))
            .posting();

    assertThat(v2.version()).isEqualTo(2);
    assertThat(balance("a").posted()).isEqualByComparingTo("140");
    assertThat(balance("bank").posted()).isEqualByComparingTo("140");
    List<Posting> history = jdbi.withHandle(h -> ledger.operationHistory(h, l, "op"));
    assertThat(history).extracting(Posting::version).containsExactly(1, 2);
    assertThat(balanceAt("a", BalanceAt.knownAt(beforeCorrection)).posted())
        .isEqualByComparingTo("100");
    assertThat(balanceAt("a", BalanceAt.postingTimeBefore(T0.plusSeconds(1))).posted()).isZero();
    assertThat(balanceAt("a", BalanceAt.postingTimeBefore(T0.plusSeconds(6))).posted())
        .isEqualByComparingTo("140");
  }

  @Test
  void
      superseding_with_the_current_content_again_is_a_duplicate_and_an_unknown_operation_is_not_found() {
    posted(run(transfer(l, "op", l + "bank", l + "a", "100", T0)));
    SupersedeRequest correction =
        new SupersedeRequest(transfer(l, "op", l + "bank", l + "a", "90", T0));
    Posting v2 = posted(run(correction)).posting();

    assertThat(run(correction)).isEqualTo(new PostingResult.Duplicate(v2));
    assertThat(run(new SupersedeRequest(transfer(l, "nope", l + "bank", l + "a", "1", T0))))
        .isEqualTo(new PostingResult.OperationNotFound(l, "nope"));
    assertThat(balance("a").posted()).isEqualByComparingTo("90");
  }

  @Test
  void retrying_the_original_posting_after_a_supersession_returns_the_original() {
    PostingRequest original = transfer(l, "op", l + "bank", l + "a", "100", T0);
    Posting v1 = posted(run(original)).posting();
    posted(run(new SupersedeRequest(transfer(l, "op", l + "bank", l + "a", "90", T0))));

    assertThat(run(original)).isEqualTo(new PostingResult.Duplicate(v1));
    assertThat(balance("a").posted()).isEqualByComparingTo("90");
  }

  @Test
  void a_reversal_undoes_the_current_version_once_and_blocks_later_supersession() {
    posted(run(transfer(l, "op", l + "bank", l + "a", "100", T0)));
    ReversalRequest reversal = new ReversalRequest(l, "rev", "op", T0, T0.plusSeconds(60), "{}");
    Posting posting = posted(run(reversal)).posting();

    assertThat(posting.kind()).isEqualTo(PostingKind.REVERSAL);
    assertThat(posting.referenceOperationId()).isEqualTo("op");
    assertThat(balance("a").posted()).isZero();
    assertThat(run(reversal)).isEqualTo(new PostingResult.Duplicate(posting));
    assertThat(run(new ReversalRequest(l, "rev2", "op", T0, T0.plusSeconds(60), "{}")))
        .isEqualTo(new PostingResult.AlreadyReversed(l, "op"));
    assertThat(run(new SupersedeRequest(transfer(l, "op", l + "bank", l + "a", "1", T0))))
        .isEqualTo(new PostingResult.AlreadyReversed(l, "op"));
    assertThat(run(new ReversalRequest(l, "rev3", "missing", T0, T0, "{}")))
        .isEqualTo(new PostingResult.OperationNotFound(l, "missing"));
    assertThat(balance("a").posted()).isZero();
  }

  @Test
  void a_hold_reserves_funds_and_a_partial_capture_posts_part_and_releases_the_rest() {
    posted(run(fund("fund", "100", T0)));
    PostingRequest spend = transfer(l, "hold", l + "wallet", l + "a", "80", T0.plusSeconds(1));
    posted(run(new HoldRequest(spend, clock.instant().plus(Duration.ofHours(1)))));

    assertThat(balance("wallet").posted()).isEqualByComparingTo("100");
    assertThat(balance("wallet").available()).isEqualByComparingTo("20");
    assertThat(run(transfer(l, "too-much", l + "wallet", l + "a", "30", T0.plusSeconds(2))))
        .isInstanceOf(PostingResult.InsufficientFunds.class);

    CaptureRequest capture =
        new CaptureRequest(l, "cap", "hold", eur("50"), T0, T0.plusSeconds(3), "{}");
    Posting captured = posted(run(capture)).posting();

    assertThat(captured.kind()).isEqualTo(PostingKind.CAPTURE);
    assertThat(balance("wallet").posted()).isEqualByComparingTo("50");
    assertThat(balance("wallet").available()).isEqualByComparingTo("50");
    assertThat(balance("a").posted()).isEqualByComparingTo("50");
    assertThat(run(capture)).isEqualTo(new PostingResult.Duplicate(captured));
    assertThat(run(new VoidRequest(l, "void", "hold", T0, T0.plusSeconds(4), "{}")))
        .isEqualTo(new PostingResult.HoldNotPending("hold", HoldState.CAPTURED));
  }

  @Test
  void capturing_more_than_held_is_rejected_and_a_full_capture_posts_every_line() {
    posted(run(fund("fund", "100", T0)));
    posted(run(new HoldRequest(transfer(l, "hold", l + "wallet", l + "a", "60", T0), null)));

    assertThat(run(new CaptureRequest(l, "cap", "hold", eur("61"), T0, T0, "{}")))
        .isInstanceOf(PostingResult.Rejected.class);
    posted(run(new CaptureRequest(l, "cap2", "hold", null, T0, T0, "{}")));

    assertThat(balance("wallet").posted()).isEqualByComparingTo("40");
    assertThat(balance("wallet").pendingDebits()).isZero();
  }

  @Test
  void a_void_releases_the_reservation_without_posting() {
    posted(run(fund("fund", "100", T0)));
    posted(run(new HoldRequest(transfer(l, "hold", l + "wallet", l + "a", "70", T0), null)));
    posted(run(new VoidRequest(l, "void", "hold", T0, T0, "{}")));

    assertThat(balance("wallet").posted()).isEqualByComparingTo("100");
    assertThat(balance("wallet").available()).isEqualByComparingTo("100");
    assertThat(run(new CaptureRequest(l, "cap", "hold", null, T0, T0, "{}")))
        .isEqualTo(new PostingResult.HoldNotPending("hold", HoldState.VOIDED));
  }

  @Test
  void an_expired_hold_cannot_be_captured_and_expiry_releases_it_once() {
    posted(run(fund("fund", "100", T0)));
    Instant expiry = clock.instant().plus(Duration.ofMinutes(5));
    posted(run(new HoldRequest(transfer(l, "hold", l + "wallet", l + "a", "70", T0), expiry)));

    assertThat(expire()).isEmpty();
    clock.set(expiry);
    assertThat(run(new CaptureRequest(l, "cap", "hold", null, T0, T0, "{}")))
        .isEqualTo(new PostingResult.HoldNotPending("hold", HoldState.EXPIRED));
    List<PostingResult> expired = expire();

    assertThat(expired).hasSize(1).allMatch(r -> r instanceof PostingResult.Posted);
    assertThat(balance("wallet").available()).isEqualByComparingTo("100");
    assertThat(expire()).isEmpty();
  }

  @Test
  void a_constrained_account_rejects_an_overdraft_but_accepts_spending_up_to_its_balance() {
    posted(run(fund("fund", "10", T0)));

    PostingResult over = run(transfer(l, "over", l + "wallet", l + "a", "10.01", T0));
    PostingResult exact = run(transfer(l, "exact", l + "wallet", l + "a", "10", T0));

    assertThat(over)
        .isEqualTo(
            new PostingResult.InsufficientFunds(
                l + "wallet",
                BalanceConstraint.DEBITS_MUST_NOT_EXCEED_CREDITS,
                new BigDecimal("0.010000000")));
    posted(exact);
    assertThat(balance("wallet").posted()).isZero();
  }

  @Test
  void a_closed_period_rejects_postings_and_corrections_dated_inside_it() {
    posted(run(transfer(l, "jan", l + "bank", l + "a", "100", T0.plus(Duration.ofDays(1)))));
    Instant feb = T0.plus(Duration.ofDays(20));
    CloseResult closed = close(feb);

    assertThat(closed).isEqualTo(new CloseResult.Closed(l, null, feb, 2));
    assertThat(run(transfer(l, "late", l + "bank", l + "a", "1", feb.minusSeconds(1))))
        .isEqualTo(new PostingResult.PeriodClosed(l, feb.minusSeconds(1), feb));
    assertThat(run(new SupersedeRequest(transfer(l, "jan", l + "bank", l + "a", "90", feb))))
        .isInstanceOf(PostingResult.PeriodClosed.class);
    posted(run(transfer(l, "on-time", l + "bank", l + "a", "1", feb)));
    posted(run(new ReversalRequest(l, "fix", "jan", feb, feb.plusSeconds(1), "{}")));
    assertThat(close(feb)).isEqualTo(new CloseResult.AlreadyClosed(l, feb));
    assertThat(close(clock.instant().plusSeconds(1))).isInstanceOf(CloseResult.NotYetEnded.class);
    List<Balance> closing = jdbi.withHandle(h -> ledger.closingBalances(h, l, feb));
    assertThat(closing)
        .filteredOn(b -> b.accountId().equals(l + "a"))
        .singleElement()
        .satisfies(b -> assertThat(b.posted()).isEqualByComparingTo("100"));
  }

  @Test
  void the_trial_balance_of_a_period_has_opening_movements_and_closing_and_is_balanced() {
    posted(run(transfer(l, "p1", l + "bank", l + "a", "100", T0)));
    posted(run(transfer(l, "p2", l + "bank", l + "a", "30", T0.plus(Duration.ofDays(10)))));
    posted(run(transfer(l, "p3", l + "a", l + "bank", "5", T0.plus(Duration.ofDays(11)))));
    posted(run(transfer(l, "p4", l + "bank", l + "a", "999", T0.plus(Duration.ofDays(25)))));

    TrialBalance trial =
        jdbi.withHandle(
            h ->
                ledger.trialBalance(
                    h, l, T0.plus(Duration.ofDays(5)), T0.plus(Duration.ofDays(20))));

    assertThat(trial.balanced()).isTrue();
    TrialBalance.Row a =
        trial.rows().stream().filter(r -> r.accountId().equals(l + "a")).findFirst().orElseThrow();
    assertThat(a.openingDebitNet()).isEqualByComparingTo("-100");
    assertThat(a.periodDebits()).isEqualByComparingTo("5");
    assertThat(a.periodCredits()).isEqualByComparingTo("30");
    assertThat(a.closingDebitNet()).isEqualByComparingTo("-125");
  }

  @Test
  void a_batch_sees_its_own_earlier_commands() {
    PostingRequest first = fund("f1", "10", T0);
    List<PostingResult> results =
        jdbi.inTransaction(
            h ->
                ledger.submit(
                    h,
                    List.of(
                        first,
                        transfer(l, "s1", l + "wallet", l + "a", "10", T0),
                        transfer(l, "s2", l + "wallet", l + "a", "1", T0),
                        first,
                        transfer(l, "f1", l + "bank", l + "wallet", "11", T0))));

    assertThat(results.get(0)).isInstanceOf(PostingResult.Posted.class);
    assertThat(results.get(1)).isInstanceOf(PostingResult.Posted.class);
    assertThat(results.get(2)).isInstanceOf(PostingResult.InsufficientFunds.class);
    assertThat(results.get(3))
        .isEqualTo(new PostingResult.Duplicate(((PostingResult.Posted) results.get(0)).posting()));
    assertThat(results.get(4)).isInstanceOf(PostingResult.IdempotencyConflict.class);
    assertThat(balance("wallet").posted()).isZero();
  }
}
