package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.ledger.Fixtures.T0;
import static org.fis.ledger.Fixtures.eur;
import static org.fis.ledger.Fixtures.posted;
import static org.fis.ledger.Fixtures.transfer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@FisPostgres(migrations = LedgerMigrations.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerIT {
  private final SettableClock clock = new SettableClock(T0.plus(Duration.ofDays(30)));
  private final Ledger ledger =
      Ledger.create(LedgerConfig.defaults(), clock, BalanceTaskQueue.none());
  private Jdbi jdbi;

  @BeforeAll
  void setUp(Jdbi jdbi) {
    this.jdbi = jdbi;
    Fixtures.ledger(jdbi, ledger, "main");
    Fixtures.ledger(jdbi, ledger, "other");
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("bank", "main", "Bank", AccountType.ASSET, "EUR"));
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("alice", "main", "Alice", AccountType.LIABILITY, "EUR"));
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("bob", "main", "Bob", AccountType.LIABILITY, "EUR"));
    Fixtures.account(
        jdbi,
        ledger,
        AccountDefinition.of("usd-bank", "main", "USD bank", AccountType.ASSET, "USD"));
    Fixtures.account(
        jdbi,
        ledger,
        AccountDefinition.of("elsewhere", "other", "Elsewhere", AccountType.ASSET, "EUR"));
  }

  private PostingResult post(PostingRequest request) {
    return jdbi.inTransaction(h -> ledger.post(h, request));
  }

  private java.util.Optional<Posting> find(String operationId) {
    return jdbi.withHandle(h -> ledger.findOperation(h, "main", operationId));
  }

  private Balance balance(String accountId) {
    return jdbi.withHandle(h -> ledger.balance(h, accountId));
  }

  @Test
  void a_balanced_posting_is_recorded_with_three_times_and_updates_both_running_balances() {
    PostingRequest request =
        transfer("main", "op-basic", "bank", "alice", "100.00", T0.plusSeconds(10))
            .withOperationTime(T0)
            .withMetadataJson("{\"b\": 1, \"a\": \"x\"}");
    Posting posting = posted(post(request)).posting();

    assertThat(posting.version()).isEqualTo(1);
    assertThat(posting.kind()).isEqualTo(PostingKind.POSTING);
    assertThat(posting.operationTime()).isEqualTo(T0);
    assertThat(posting.postingTime()).isEqualTo(T0.plusSeconds(10));
    assertThat(posting.recordedAt()).isEqualTo(clock.instant());
    assertThat(posting.metadataJson()).isEqualTo("{\"a\":\"x\",\"b\":1}");
    assertThat(posting.lines()).hasSize(2);
    assertThat(find("op-basic")).contains(posting);
  }

  @Test
  void amounts_are_compared_by_value_whatever_their_scale() {
    PostingRequest request =
        PostingRequest.of(
            "main",
            "op-scale",
            T0,
            List.of(
                Line.debit("bank", new BigDecimal("10.0"), "EUR"),
                Line.credit("bob", new BigDecimal("10.000"), "EUR")));
    posted(post(request));
    PostingRequest sameByValue =
        PostingRequest.of(
            "main",
            "op-scale",
            T0,
            List.of(
                Line.debit("bank", new BigDecimal("10"), "EUR"),
                Line.credit("bob", new BigDecimal("10.00"), "EUR")));
    assertThat(post(sameByValue)).isInstanceOf(PostingResult.Duplicate.class);
  }

  @Test
  void an_unbalanced_posting_or_a_single_line_is_caller_misuse() {
    assertThatThrownBy(
            () ->
                PostingRequest.of(
                    "main",
                    "op-x",
                    T0,
                    List.of(
                        Line.debit("bank", eur("10"), "EUR"),
                        Line.credit("bob", eur("9.99"), "EUR"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lines")
        .hasMessageContaining("EUR");
    assertThatThrownBy(
            () ->
                PostingRequest.of(
                    "main", "op-x", T0, List.of(Line.debit("bank", eur("10"), "EUR"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lines");
    assertThatThrownBy(() -> Line.debit("bank", eur("0.0000000001"), "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> Line.debit("bank", eur("-1"), "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> transfer("main", "op-x", "a", "b", "1", T0).withMetadataJson("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metadataJson");
  }

  @Test
  void postings_that_do_not_fit_the_chart_of_accounts_are_rejected_and_write_nothing() {
    assertThat(post(transfer("main", "op-r1", "bank", "nobody", "1", T0)))
        .isEqualTo(new PostingResult.Rejected("lines[1].accountId", "no account 'nobody'"));
    assertThat(post(transfer("main", "op-r2", "bank", "elsewhere", "1", T0)))
        .isInstanceOf(PostingResult.Rejected.class)
        .extracting(r -> ((PostingResult.Rejected) r).field())
        .isEqualTo("lines[1].accountId");
    PostingRequest wrongCurrency =
        PostingRequest.of(
            "main",
            "op-r3",
            T0,
            List.of(Line.debit("usd-bank", eur("1"), "EUR"), Line.credit("bob", eur("1"), "EUR")));
    assertThat(post(wrongCurrency))
        .isInstanceOf(PostingResult.Rejected.class)
        .extracting(r -> ((PostingResult.Rejected) r).field())
        .isEqualTo("lines[0].currency");
    assertThat(post(transfer("nope", "op-r4", "bank", "bob", "1", T0)))
        .isInstanceOf(PostingResult.Rejected.class);
    assertThat(find("op-r1")).isEmpty();
  }

  @Test
  void the_same_operation_id_with_the_same_content_returns_the_original_and_writes_nothing() {
    PostingRequest request = transfer("main", "op-idem", "bank", "bob", "5", T0);
    Posting original = posted(post(request)).posting();
    Balance before = balance("bob");

    PostingResult again = post(request);

    assertThat(again).isEqualTo(new PostingResult.Duplicate(original));
    assertThat(balance("bob")).isEqualTo(before);
  }

  @Test
  void the_same_operation_id_with_different_content_is_a_conflict_and_writes_nothing() {
    Posting original =
        posted(post(transfer("main", "op-conflict", "bank", "bob", "5", T0))).posting();
    Balance before = balance("bob");

    PostingResult other = post(transfer("main", "op-conflict", "bank", "bob", "6", T0));

    assertThat(other)
        .isEqualTo(new PostingResult.IdempotencyConflict("main", "op-conflict", original));
    assertThat(balance("bob")).isEqualTo(before);
  }

  @Test
  void a_multi_currency_posting_balances_per_currency() {
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("fx-eur", "main", "FX EUR", AccountType.EQUITY, "EUR"));
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("fx-usd", "main", "FX USD", AccountType.EQUITY, "USD"));
    PostingRequest fx =
        PostingRequest.of(
            "main",
            "op-fx",
            T0,
            List.of(
                Line.debit("usd-bank", eur("110"), "USD"),
                Line.credit("fx-usd", eur("110"), "USD"),
                Line.debit("fx-eur", eur("100"), "EUR"),
                Line.credit("bank", eur("100"), "EUR")));
    posted(post(fx));
    assertThat(balance("usd-bank").posted()).isEqualByComparingTo("110");
    assertThat(balance("fx-eur").debitNet()).isEqualByComparingTo("100");
  }
}
