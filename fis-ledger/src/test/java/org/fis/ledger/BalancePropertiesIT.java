package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fis.testing.SettableClock;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * Properties of the journal on a real database: double entry holds per currency whatever the
 * commands, and the final balances do not depend on delivery order, duplicates or retries.
 */
class BalancePropertiesIT {
  private static final int ACCOUNTS_PER_CURRENCY = 4;
  private static final List<String> CURRENCIES = List.of("EUR", "USD");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final AtomicInteger LEDGERS = new AtomicInteger();
  private static TestDatabase database;

  private final SettableClock clock = new SettableClock(T0.plus(Duration.ofDays(365)));
  private final Ledger ledger =
      Ledger.create(LedgerConfig.defaults(), clock, BalanceTaskQueue.none());

  @BeforeContainer
  static void startDatabase() {
    database = TestDatabase.create(LedgerMigrations::migrate);
  }

  @AfterContainer
  static void dropDatabase() {
    database.close();
  }

  private String newLedger() {
    Jdbi jdbi = database.jdbi();
    String l = "p" + LEDGERS.incrementAndGet();
    Fixtures.ledger(jdbi, ledger, l);
    for (String currency : CURRENCIES) {
      for (int i = 0; i < ACCOUNTS_PER_CURRENCY; i++) {
        AccountDefinition definition =
            AccountDefinition.of(
                    account(l, currency, i), l, "a" + i, AccountType.values()[i % 5], currency)
                .withBalanceMode(i == 3 ? BalanceMode.ASYNCHRONOUS : BalanceMode.SYNCHRONOUS);
        Fixtures.account(jdbi, ledger, definition);
      }
    }
    return l;
  }

  private static String account(String ledgerId, String currency, int i) {
    return ledgerId + "-" + currency + "-" + i;
  }

  /** A random balanced posting of 2 to 4 lines in one or two currencies. */
  private static PostingRequest randomPosting(String l, String operationId, Random random) {
    List<Line> lines = new ArrayList<>();
    int currencies = 1 + random.nextInt(2);
    for (int c = 0; c < currencies; c++) {
      String currency = CURRENCIES.get((c + random.nextInt(2)) % 2);
      int from = random.nextInt(ACCOUNTS_PER_CURRENCY);
      int to = (from + 1 + random.nextInt(ACCOUNTS_PER_CURRENCY - 1)) % ACCOUNTS_PER_CURRENCY;
      BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(4));
      lines.add(Line.debit(account(l, currency, from), amount, currency));
      lines.add(Line.credit(account(l, currency, to), amount, currency));
    }
    Instant at = T0.plus(Duration.ofMinutes(random.nextInt(10_000)));
    return PostingRequest.of(l, operationId, at, lines);
  }

  private Map<String, BigDecimal> balances(String l) {
    Map<String, BigDecimal> result = new TreeMap<>();
    for (String currency : CURRENCIES) {
      for (int i = 0; i < ACCOUNTS_PER_CURRENCY; i++) {
        String id = account(l, currency, i);
        Balance balance = database.jdbi().inTransaction(h -> ledger.consistentBalance(h, id));
        result.put(id.substring(l.length()), balance.debitNet());
        result.put(
            id.substring(l.length()) + "/pending",
            balance.pendingDebits().subtract(balance.pendingCredits()));
      }
    }
    return result;
  }

  @Property(tries = 40)
  void per_currency_the_balances_of_all_accounts_sum_to_zero(
      @ForAll @IntRange(min = 1, max = 25) int commands, @ForAll long seed) {
    String l = newLedger();
    Random random = new Random(seed);
    List<String> operations = new ArrayList<>();
    List<String> holds = new ArrayList<>();
    for (int i = 0; i < commands; i++) {
      String op = "op" + i;
      LedgerCommand command =
          switch (operations.isEmpty() ? 0 : random.nextInt(5)) {
            case 0 -> randomPosting(l, op, random);
            case 1 ->
                new SupersedeRequest(
                    randomPosting(l, operations.get(random.nextInt(operations.size())), random));
            case 2 ->
                new ReversalRequest(
                    l, op, operations.get(random.nextInt(operations.size())), T0, T0, "{}");
            case 3 -> new HoldRequest(randomPosting(l, op, random), null);
            default ->
                holds.isEmpty()
                    ? randomPosting(l, op, random)
                    : new CaptureRequest(
                        l, op, holds.get(random.nextInt(holds.size())), null, T0, T0, "{}");
          };
      PostingResult result =
          database.jdbi().inTransaction(h -> ledger.submit(h, List.of(command)).get(0));
      if (result instanceof PostingResult.Posted p && command instanceof PostingRequest) {
        operations.add(p.posting().operationId());
      } else if (result instanceof PostingResult.Posted p && command instanceof HoldRequest) {
        holds.add(p.posting().operationId());
      }
    }
    Map<String, BigDecimal> posted = new TreeMap<>();
    Map<String, BigDecimal> pending = new TreeMap<>();
    balances(l)
        .forEach(
            (account, net) -> {
              String currency = account.split("-")[1];
              (account.endsWith("/pending") ? pending : posted)
                  .merge(currency, net, BigDecimal::add);
            });
    assertThat(posted.values()).allMatch(v -> v.signum() == 0);
    assertThat(pending.values()).allMatch(v -> v.signum() == 0);
    assertThat(database.jdbi().withHandle(h -> ledger.verify(h, l)).problems()).isEmpty();
  }

  @Property(tries = 30)
  void any_delivery_order_with_duplicates_and_supersessions_yields_the_same_balances(
      @ForAll @IntRange(min = 1, max = 8) int operations, @ForAll long seed) {
    Random random = new Random(seed);
    // Each operation has 1 to 3 versions; a version's content does not depend on the ledger id
    // except through the account names, so the same messages can be replayed on two ledgers.
    List<List<Long>> versionSeeds = new ArrayList<>();
    for (int op = 0; op < operations; op++) {
      List<Long> seeds = new ArrayList<>();
      int versions = 1 + random.nextInt(3);
      for (int v = 0; v < versions; v++) {
        seeds.add(random.nextLong());
      }
      versionSeeds.add(seeds);
    }
    Map<String, BigDecimal> first = deliver(versionSeeds, new Random(seed + 1));
    Map<String, BigDecimal> second = deliver(versionSeeds, new Random(seed + 2));
    assertThat(second).isEqualTo(first);
    Map<String, BigDecimal> expected = expectedFinal(versionSeeds);
    assertThat(first).isEqualTo(expected);
  }

  private record Message(int operation, int version) {}

  /**
   * Delivers every version in a random interleaving (each operation's versions in order) with
   * duplicates.
   */
  private Map<String, BigDecimal> deliver(List<List<Long>> versionSeeds, Random random) {
    String l = newLedger();
    List<Message> queue = new ArrayList<>();
    for (int op = 0; op < versionSeeds.size(); op++) {
      for (int v = 0; v < versionSeeds.get(op).size(); v++) {
        queue.add(new Message(op, v));
      }
    }
    Collections.shuffle(queue, random);
    // Restore per-operation version order, keeping the shuffled slots.
    Map<Integer, Integer> nextVersion = new TreeMap<>();
    List<Message> ordered = new ArrayList<>();
    for (Message m : queue) {
      int v = nextVersion.merge(m.operation(), 1, Integer::sum) - 1;
      ordered.add(new Message(m.operation(), v));
    }
    List<Message> withDuplicates = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      withDuplicates.add(ordered.get(i));
      if (random.nextInt(3) == 0) {
        withDuplicates.add(ordered.get(random.nextInt(i + 1)));
      }
    }
    for (Message m : withDuplicates) {
      LedgerCommand command = command(l, versionSeeds, m);
      PostingResult result =
          database.jdbi().inTransaction(h -> ledger.submit(h, List.of(command)).get(0));
      assertThat(result.accepted()).as("%s gave %s", m, result).isTrue();
    }
    return balances(l);
  }

  private static LedgerCommand command(String l, List<List<Long>> versionSeeds, Message m) {
    PostingRequest content =
        randomPosting(
            l, "op" + m.operation(), new Random(versionSeeds.get(m.operation()).get(m.version())));
    return m.version() == 0 ? content : new SupersedeRequest(content);
  }

  /** The balances when only each operation's last version is posted. */
  private Map<String, BigDecimal> expectedFinal(List<List<Long>> versionSeeds) {
    String l = newLedger();
    for (int op = 0; op < versionSeeds.size(); op++) {
      List<Long> seeds = versionSeeds.get(op);
      PostingRequest last = randomPosting(l, "op" + op, new Random(seeds.get(seeds.size() - 1)));
      Fixtures.posted(database.jdbi().inTransaction(h -> ledger.post(h, last)));
    }
    return balances(l);
  }
}
