package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.ledger.Fixtures.T0;
import static org.fis.ledger.Fixtures.posted;
import static org.fis.ledger.Fixtures.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@FisPostgres(migrations = LedgerMigrations.class)
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class IntegrityIT {
  private final SettableClock clock = new SettableClock(T0.plus(Duration.ofDays(30)));
  private final List<String> requested = new ArrayList<>();
  private final Ledger ledger =
      Ledger.create(
          LedgerConfig.defaults(),
          clock,
          (handle, accountId) -> {
            synchronized (requested) {
              requested.add(accountId);
            }
          });
  private final Jdbi jdbi;

  IntegrityIT(Jdbi jdbi) {
    this.jdbi = jdbi;
    Fixtures.ledger(jdbi, ledger, "i");
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("i-bank", "i", "Bank", AccountType.ASSET, "EUR"));
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("i-a", "i", "A", AccountType.LIABILITY, "EUR"));
    Fixtures.account(
        jdbi,
        ledger,
        AccountDefinition.of("i-hot", "i", "Hot", AccountType.INCOME, "EUR")
            .withBalanceMode(BalanceMode.ASYNCHRONOUS));
  }

  private void seed(String prefix) {
    posted(
        jdbi.inTransaction(
            h -> ledger.post(h, transfer("i", prefix + "1", "i-bank", "i-a", "10", T0))));
    posted(
        jdbi.inTransaction(
            h -> ledger.post(h, transfer("i", prefix + "2", "i-a", "i-bank", "3", T0))));
  }

  private DefinitionResult open(AccountDefinition definition) {
    return jdbi.inTransaction(h -> ledger.openAccount(h, definition));
  }

  private VerifyResult verify() {
    return jdbi.withHandle(h -> ledger.verify(h, "i"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE fis_ledger.posting SET metadata = '{\"x\":1}'",
        "DELETE FROM fis_ledger.posting",
        "UPDATE fis_ledger.entry SET debit = debit + 1",
        "DELETE FROM fis_ledger.entry",
        "UPDATE fis_ledger.account SET currency = 'USD'",
        "DELETE FROM fis_ledger.account_chain",
        "UPDATE fis_ledger.period_close SET period_end = now()",
        "DELETE FROM fis_ledger.ledger",
        "TRUNCATE fis_ledger.entry CASCADE",
        "TRUNCATE fis_ledger.posting CASCADE"
      })
  void the_database_rejects_updates_deletes_and_truncates_of_insert_only_tables(String sql) {
    seed("t" + Math.abs(sql.hashCode()));
    jdbi.useTransaction(h -> ledger.closePeriod(h, "i", T0.minusSeconds(1)));
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(sql)))
        .hasMessageContaining("insert-only");
  }

  @Test
  void the_running_balance_cache_itself_may_be_updated_by_the_ledger() {
    seed("cache");
    assertThat(jdbi.withHandle(h -> ledger.balance(h, "i-a")).posted()).isPositive();
  }

  @Test
  void verify_finds_an_intact_ledger_intact() {
    seed("ok");
    VerifyResult result = verify();
    assertThat(result.problems()).isEmpty();
    assertThat(result.postingsChecked()).isGreaterThanOrEqualTo(2);
    assertThat(result.linksChecked()).isGreaterThanOrEqualTo(4);
  }

  /** Tampering needs the triggers disabled, which only the table owner or a superuser can do. */
  private void tamper(Handle h, String table, String sql) {
    h.execute("ALTER TABLE fis_ledger." + table + " DISABLE TRIGGER USER");
    h.execute(sql);
    h.execute("ALTER TABLE fis_ledger." + table + " ENABLE TRIGGER USER");
  }

  @Test
  void verify_detects_a_changed_entry_a_changed_posting_and_a_removed_chain_link() {
    seed("tamper");
    jdbi.useTransaction(
        h -> {
          tamper(
              h,
              "entry",
              "UPDATE fis_ledger.entry SET credit = credit + 1 WHERE account_id = 'i-a'"
                  + " AND posting_id = (SELECT min(posting_id) FROM fis_ledger.posting"
                  + " WHERE operation_id = 'tamper1')");
          VerifyResult changedEntry = ledger.verify(h, "i");
          assertThat(changedEntry.problems())
              .anyMatch(p -> p.contains("record hash"))
              .anyMatch(p -> p.contains("running balance"));
          h.rollback();
        });
    jdbi.useTransaction(
        h -> {
          tamper(
              h,
              "posting",
              "UPDATE fis_ledger.posting SET metadata = '{\"forged\":true}'"
                  + " WHERE operation_id = 'tamper2'");
          assertThat(ledger.verify(h, "i").problems()).anyMatch(p -> p.contains("tamper2"));
          h.rollback();
        });
    jdbi.useTransaction(
        h -> {
          tamper(
              h,
              "account_chain",
              "DELETE FROM fis_ledger.account_chain WHERE account_id = 'i-a' AND chain_seq = 1");
          assertThat(ledger.verify(h, "i").problems()).anyMatch(p -> p.contains("chain"));
          h.rollback();
        });
    assertThat(verify().intact()).isTrue();
  }

  @Test
  void an_asynchronous_account_gets_a_task_and_a_consistent_read_applies_it_once() {
    posted(
        jdbi.inTransaction(h -> ledger.post(h, transfer("i", "async1", "i-hot", "i-a", "7", T0))));
    posted(
        jdbi.inTransaction(h -> ledger.post(h, transfer("i", "async2", "i-hot", "i-a", "5", T0))));

    assertThat(requested).contains("i-hot");
    assertThat(jdbi.withHandle(h -> ledger.balance(h, "i-hot")).debits()).isZero();
    Balance consistent = jdbi.inTransaction(h -> ledger.consistentBalance(h, "i-hot"));
    assertThat(consistent.debits()).isEqualByComparingTo("12");
    int again = jdbi.inTransaction(h -> ledger.applyPendingBalanceTasks(h, "i-hot"));
    assertThat(again).isZero();
    assertThat(jdbi.withHandle(h -> ledger.balance(h, "i-hot")).debits())
        .isEqualByComparingTo("12");
    assertThat(verify().problems()).isEmpty();
  }

  @Test
  void definitions_are_idempotent_and_a_different_definition_under_the_same_id_is_rejected() {
    AccountDefinition parent =
        AccountDefinition.of("i-cash", "i", "Cash", AccountType.ASSET, "EUR");
    Fixtures.account(jdbi, ledger, parent);
    AccountDefinition child =
        AccountDefinition.of("i-till", "i", "Till", AccountType.ASSET, "EUR")
            .withParentId("i-cash");
    Fixtures.account(jdbi, ledger, child);

    assertThat(open(child)).isEqualTo(new DefinitionResult.AlreadyExists());
    assertThat(open(child.withBalanceMode(BalanceMode.ASYNCHRONOUS)))
        .isInstanceOf(DefinitionResult.Rejected.class);
    assertThat(
            open(
                AccountDefinition.of("i-x", "i", "X", AccountType.EXPENSE, "EUR")
                    .withParentId("i-cash")))
        .isInstanceOf(DefinitionResult.Rejected.class);
    assertThat(open(AccountDefinition.of("i-y", "nope", "Y", AccountType.ASSET, "EUR")))
        .isEqualTo(new DefinitionResult.Rejected("ledgerId", "no ledger 'nope'"));
    DefinitionResult renamed =
        jdbi.inTransaction(h -> ledger.createLedger(h, new LedgerDefinition("i", "other name")));
    assertThat(renamed).isInstanceOf(DefinitionResult.Rejected.class);
    List<Account> children = jdbi.withHandle(h -> ledger.children(h, "i-cash"));
    assertThat(children).extracting(Account::accountId).containsExactly("i-till");
    assertThat(jdbi.withHandle(h -> ledger.findAccount(h, "i-till")).orElseThrow().depth())
        .isEqualTo(1);

    posted(
        jdbi.inTransaction(h -> ledger.post(h, transfer("i", "roll", "i-till", "i-a", "4", T0))));
    posted(
        jdbi.inTransaction(h -> ledger.post(h, transfer("i", "roll2", "i-cash", "i-a", "1", T0))));
    assertThat(jdbi.withHandle(h -> ledger.rollupBalance(h, "i-cash")).posted())
        .isEqualByComparingTo("5");
  }

  @Test
  void an_asynchronous_account_cannot_carry_a_constraint() {
    assertThatThrownBy(
            () ->
                AccountDefinition.of("z", "i", "Z", AccountType.ASSET, "EUR")
                    .withBalanceMode(BalanceMode.ASYNCHRONOUS)
                    .withBalanceConstraint(BalanceConstraint.DEBITS_MUST_NOT_EXCEED_CREDITS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("balanceConstraint");
  }
}
