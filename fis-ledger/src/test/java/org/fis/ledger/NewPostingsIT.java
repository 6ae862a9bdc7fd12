package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.ledger.Fixtures.T0;
import static org.fis.ledger.Fixtures.posted;
import static org.fis.ledger.Fixtures.transfer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The write path's common case (new postings of one ledger) in one server call, {@code post_new},
 * and its fall-back to the general path: which calls a posting makes, and the guarantees under
 * concurrency (racing duplicates, hot accounts, no overdraft, no deadlock with the general path).
 */
@FisPostgres(migrations = LedgerMigrations.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewPostingsIT {
  private static final int THREADS = 8;
  private final SettableClock clock = new SettableClock(T0.plus(Duration.ofDays(30)));
  private final Ledger ledger =
      Ledger.create(LedgerConfig.defaults(), clock, BalanceTaskQueue.none());
  private final Jdbi jdbi;

  NewPostingsIT(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private interface Task {
    void run(int thread) throws Exception;
  }

  private static void race(Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                task.run(thread);
                return null;
              }));
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    for (Future<?> future : futures) {
      future.get();
    }
  }

  private void accounts(String ledgerId, int count, AccountDefinition template) {
    Fixtures.ledger(jdbi, ledger, ledgerId);
    for (int i = 0; i < count; i++) {
      Fixtures.account(
          jdbi,
          ledger,
          new AccountDefinition(
              ledgerId + "-" + i,
              ledgerId,
              null,
              "account " + i,
              template.type(),
              "EUR",
              template.balanceMode(),
              template.balanceConstraint()));
    }
  }

  private PostingResult post(PostingRequest request) {
    return jdbi.inTransaction(h -> ledger.post(h, request));
  }

  /** The calls of the ledger's SQL functions in the handle's current transaction, by name. */
  private static Map<String, Long> functionCalls(Handle handle) {
    return handle
        .createQuery(
            "SELECT funcname, calls FROM pg_stat_xact_user_functions"
                + " WHERE schemaname = 'fis_ledger'")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The calls made between two readings (the counters include earlier unflushed ones). */
  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new java.util.HashMap<>();
    after.forEach(
        (name, calls) -> {
          long made = calls - before.getOrDefault(name, 0L);
          if (made > 0) {
            delta.put(name, made);
          }
        });
    return delta;
  }

  @Test
  void a_new_posting_is_one_call_of_post_new_and_a_repeat_falls_back_to_the_general_path() {
    accounts("one", 2, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    PostingRequest request = transfer("one", "op-1", "one-0", "one-1", "5", T0);
    Map<String, Long> first =
        jdbi.inTransaction(
            h -> {
              h.execute("SET LOCAL track_functions = 'pl'");
              Map<String, Long> before = functionCalls(h);
              posted(ledger.post(h, request));
              return delta(before, functionCalls(h));
            });
    assertThat(first).containsEntry("post_new", 1L).doesNotContainKey("prepare_submit");

    Map<String, Long> repeat =
        jdbi.inTransaction(
            h -> {
              h.execute("SET LOCAL track_functions = 'pl'");
              Map<String, Long> before = functionCalls(h);
              assertThat(ledger.post(h, request)).isInstanceOf(PostingResult.Duplicate.class);
              PostingRequest changed = transfer("one", "op-1", "one-0", "one-1", "6", T0);
              assertThat(ledger.post(h, changed))
                  .isInstanceOf(PostingResult.IdempotencyConflict.class);
              return delta(before, functionCalls(h));
            });
    assertThat(repeat).containsEntry("post_new", 2L).containsEntry("prepare_submit", 2L);
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "one")).problems()).isEmpty();
  }

  @Test
  void rejections_of_the_common_case_are_those_of_the_general_path() {
    accounts("rej", 2, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    Fixtures.ledger(jdbi, ledger, "rej-other");
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("rej-o", "rej-other", "o", AccountType.ASSET, "EUR"));
    assertThat(post(transfer("rej", "a", "rej-0", "nope", "1", T0)))
        .isInstanceOf(PostingResult.Rejected.class);
    assertThat(post(transfer("rej", "b", "rej-0", "rej-o", "1", T0)))
        .isInstanceOf(PostingResult.Rejected.class);
    PostingRequest dollars =
        PostingRequest.of(
            "rej",
            "c",
            T0,
            List.of(
                Line.debit("rej-0", BigDecimal.ONE, "USD"),
                Line.credit("rej-1", BigDecimal.ONE, "USD")));
    assertThat(post(dollars)).isInstanceOf(PostingResult.Rejected.class);
    // A batch with one bad posting: the good ones are written, as by the general path.
    List<PostingResult> batch =
        jdbi.inTransaction(
            h ->
                ledger.submit(
                    h,
                    List.of(
                        transfer("rej", "d", "rej-0", "rej-1", "1", T0),
                        transfer("rej", "e", "rej-0", "nope", "1", T0),
                        transfer("rej", "f", "rej-1", "rej-0", "2", T0))));
    assertThat(batch.get(0)).isInstanceOf(PostingResult.Posted.class);
    assertThat(batch.get(1)).isInstanceOf(PostingResult.Rejected.class);
    assertThat(batch.get(2)).isInstanceOf(PostingResult.Posted.class);
    // A posting into a closed period.
    CloseResult closed =
        jdbi.inTransaction(h -> ledger.closePeriod(h, "rej", T0.plus(Duration.ofDays(1))));
    assertThat(closed).isNotNull();
    assertThat(post(transfer("rej", "g", "rej-0", "rej-1", "1", T0)))
        .isInstanceOf(PostingResult.PeriodClosed.class);
    posted(
        jdbi.inTransaction(
            h ->
                ledger.post(
                    h, transfer("rej", "h", "rej-0", "rej-1", "1", T0.plus(Duration.ofDays(2))))));
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "rej")).problems()).isEmpty();
  }

  @Test
  void racing_duplicates_of_single_postings_on_hot_accounts_are_recorded_once() throws Exception {
    accounts("race", 3, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    ConcurrentLinkedQueue<PostingResult> results = new ConcurrentLinkedQueue<>();
    race(
        thread -> {
          List<Integer> order = new ArrayList<>();
          for (int op = 0; op < 80; op++) {
            order.add(op);
          }
          Collections.shuffle(order, new Random(thread));
          for (int op : order) {
            PostingRequest request =
                transfer("race", "op-" + op, "race-" + op % 3, "race-" + (op + 1) % 3, "1", T0);
            results.add(jdbi.inTransaction(h -> ledger.post(h, request)));
          }
        });
    assertThat(results).hasSize(THREADS * 80);
    assertThat(results.stream().filter(r -> r instanceof PostingResult.Posted)).hasSize(80);
    assertThat(results.stream().filter(r -> r instanceof PostingResult.Duplicate))
        .hasSize((THREADS - 1) * 80);
    long rows =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM fis_ledger.posting WHERE ledger_id = 'race'")
                    .mapTo(Long.class)
                    .one());
    assertThat(rows).isEqualTo(80);
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 3; i++) {
      String id = "race-" + i;
      Balance balance = jdbi.withHandle(h -> ledger.balance(h, id));
      assertThat(balance.debits())
          .isEqualByComparingTo(new BigDecimal(80 / 3 + (i < 80 % 3 ? 1 : 0)));
      sum = sum.add(balance.debitNet());
    }
    assertThat(sum).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "race")).problems()).isEmpty();
  }

  @Test
  void racing_bulk_spends_from_hot_constrained_accounts_never_overdraw_nor_deadlock()
      throws Exception {
    accounts(
        "bulk",
        3,
        AccountDefinition.of("x", "x", "x", AccountType.LIABILITY, "EUR")
            .withBalanceConstraint(BalanceConstraint.DEBITS_MUST_NOT_EXCEED_CREDITS));
    Fixtures.account(
        jdbi, ledger, AccountDefinition.of("bulk-bank", "bulk", "Bank", AccountType.ASSET, "EUR"));
    for (int i = 0; i < 3; i++) {
      String wallet = "bulk-" + i;
      posted(post(transfer("bulk", "fund-" + wallet, "bulk-bank", wallet, "100", T0)));
    }
    ConcurrentLinkedQueue<PostingResult> results = new ConcurrentLinkedQueue<>();
    race(
        thread -> {
          Random random = new Random(thread * 17L);
          for (int b = 0; b < 15; b++) {
            List<PostingRequest> batch = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
              int from = random.nextInt(3);
              int to = (from + 1 + random.nextInt(2)) % 3;
              batch.add(
                  PostingRequest.of(
                      "bulk",
                      "s-" + thread + "-" + b + "-" + i,
                      T0,
                      List.of(
                          Line.debit("bulk-" + from, new BigDecimal("2"), "EUR"),
                          Line.credit("bulk-" + to, new BigDecimal("1"), "EUR"),
                          Line.credit("bulk-bank", new BigDecimal("1"), "EUR"))));
            }
            results.addAll(jdbi.inTransaction(h -> ledger.submit(h, batch)));
          }
        });
    long accepted = results.stream().filter(r -> r instanceof PostingResult.Posted).count();
    long refused =
        results.stream().filter(r -> r instanceof PostingResult.InsufficientFunds).count();
    assertThat(accepted + refused).isEqualTo(results.size());
    assertThat(refused).isPositive();
    assertThat(accepted).isPositive();
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < 3; i++) {
      String wallet = "bulk-" + i;
      Balance balance = jdbi.withHandle(h -> ledger.balance(h, wallet));
      assertThat(balance.posted()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
      total = total.add(balance.posted());
    }
    assertThat(total).isEqualByComparingTo(new BigDecimal(300 - accepted));
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "bulk")).problems()).isEmpty();
  }

  @Test
  void new_postings_racing_with_holds_reversals_and_a_period_close_never_deadlock()
      throws Exception {
    accounts("mix", 4, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    ConcurrentLinkedQueue<PostingResult> results = new ConcurrentLinkedQueue<>();
    race(
        thread -> {
          Random random = new Random(thread * 7L);
          for (int i = 0; i < 40; i++) {
            int from = random.nextInt(4);
            int to = (from + 1 + random.nextInt(3)) % 4;
            String op = "m-" + thread + "-" + i;
            PostingRequest request =
                transfer("mix", op, "mix-" + from, "mix-" + to, "1", T0.plus(Duration.ofDays(5)));
            switch (i % 4) {
              case 0, 1 -> results.add(jdbi.inTransaction(h -> ledger.post(h, request)));
              case 2 ->
                  results.add(
                      jdbi.inTransaction(
                          h ->
                              ledger.hold(
                                  h, new HoldRequest(request, T0.plus(Duration.ofDays(60))))));
              default -> {
                String earlier = "m-" + thread + "-" + (i - 3);
                results.addAll(
                    jdbi.inTransaction(
                        h ->
                            ledger.submit(
                                h,
                                List.of(
                                    request,
                                    new ReversalRequest(
                                        "mix",
                                        "rev-" + earlier,
                                        earlier,
                                        T0.plus(Duration.ofDays(6)),
                                        T0.plus(Duration.ofDays(6)),
                                        "{}")))));
              }
            }
            if (thread == 0 && i == 20) {
              jdbi.inTransaction(h -> ledger.closePeriod(h, "mix", T0.plus(Duration.ofDays(1))));
            }
          }
        });
    assertThat(results).allMatch(r -> r instanceof PostingResult.Posted);
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 4; i++) {
      String id = "mix-" + i;
      sum = sum.add(jdbi.withHandle(h -> ledger.balance(h, id)).debitNet());
    }
    assertThat(sum).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "mix")).problems()).isEmpty();
  }
}
