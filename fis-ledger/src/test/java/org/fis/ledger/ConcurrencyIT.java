package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.ledger.Fixtures.T0;
import static org.fis.ledger.Fixtures.posted;
import static org.fis.ledger.Fixtures.transfer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobsMigrations;
import org.fis.testing.Await;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@FisPostgres(migrations = {JobsMigrations.class, LedgerMigrations.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyIT {
  private static final int THREADS = 8;
  private final SettableClock clock = new SettableClock(T0.plus(Duration.ofDays(30)));
  private final JobQueue jobs = JobQueue.create();
  private final Ledger ledger =
      Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(jobs));
  private final Jdbi jdbi;

  ConcurrencyIT(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private interface Task {
    void run(int thread) throws Exception;
  }

  /** Runs the task on every thread at once and fails on any exception (a deadlock included). */
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

  private BigDecimal sumOfBalances(String ledgerId, int count) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < count; i++) {
      String id = ledgerId + "-" + i;
      sum = sum.add(jdbi.inTransaction(h -> ledger.consistentBalance(h, id)).debitNet());
    }
    return sum;
  }

  @Test
  void many_threads_with_racing_duplicates_record_each_operation_once_and_stay_balanced()
      throws Exception {
    accounts("dup", 10, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    ConcurrentLinkedQueue<PostingResult> results = new ConcurrentLinkedQueue<>();
    race(
        thread -> {
          Random random = new Random(thread);
          for (int i = 0; i < 60; i++) {
            // Every operation id is attempted by all threads, each with the same content.
            int op = i;
            int from = op % 10;
            int to = (op * 7 + 3) % 10;
            if (from == to) {
              to = (to + 1) % 10;
            }
            PostingRequest request =
                transfer("dup", "op-" + op, "dup-" + from, "dup-" + to, "1." + op, T0);
            List<PostingRequest> batch = new ArrayList<>(List.of(request));
            if (random.nextBoolean()) {
              batch.add(transfer("dup", "op-" + (op + 1000), "dup-" + to, "dup-" + from, "2", T0));
            }
            results.addAll(jdbi.inTransaction(h -> ledger.submit(h, batch)));
          }
        });

    long posted = results.stream().filter(r -> r instanceof PostingResult.Posted).count();
    long distinct =
        results.stream()
            .filter(PostingResult::accepted)
            .map(
                r ->
                    r instanceof PostingResult.Posted p
                        ? p.posting().operationId()
                        : ((PostingResult.Duplicate) r).original().operationId())
            .distinct()
            .count();
    assertThat(results).allMatch(PostingResult::accepted);
    assertThat(posted).isEqualTo(distinct);
    assertThat(sumOfBalances("dup", 10)).isZero();
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "dup")).problems()).isEmpty();
  }

  @Test
  void concurrent_spends_from_constrained_accounts_never_overdraw_and_never_deadlock()
      throws Exception {
    accounts(
        "spend",
        4,
        AccountDefinition.of("x", "x", "x", AccountType.LIABILITY, "EUR")
            .withBalanceConstraint(BalanceConstraint.DEBITS_MUST_NOT_EXCEED_CREDITS));
    Fixtures.account(
        jdbi,
        ledger,
        AccountDefinition.of("spend-bank", "spend", "Bank", AccountType.ASSET, "EUR"));
    for (int i = 0; i < 4; i++) {
      String wallet = "spend-" + i;
      posted(
          jdbi.inTransaction(
              h ->
                  ledger.post(
                      h, transfer("spend", "fund-" + wallet, "spend-bank", wallet, "50", T0))));
    }
    ConcurrentLinkedQueue<PostingResult> results = new ConcurrentLinkedQueue<>();
    race(
        thread -> {
          Random random = new Random(thread * 31L);
          for (int i = 0; i < 40; i++) {
            int from = random.nextInt(4);
            int to = (from + 1 + random.nextInt(3)) % 4;
            // Each spend moves money between two wallets and out to the bank, locking three
            // constrained and unconstrained rows in different orders across threads.
            PostingRequest spend =
                PostingRequest.of(
                    "spend",
                    "s-" + thread + "-" + i,
                    T0,
                    List.of(
                        Line.debit("spend-" + from, new BigDecimal("3"), "EUR"),
                        Line.credit("spend-" + to, new BigDecimal("1"), "EUR"),
                        Line.credit("spend-bank", new BigDecimal("2"), "EUR")));
            results.add(jdbi.inTransaction(h -> ledger.post(h, spend)));
          }
        });

    long accepted = results.stream().filter(r -> r instanceof PostingResult.Posted).count();
    long refused =
        results.stream().filter(r -> r instanceof PostingResult.InsufficientFunds).count();
    assertThat(accepted + refused).isEqualTo(THREADS * 40L);
    assertThat(refused).isPositive();
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < 4; i++) {
      String wallet = "spend-" + i;
      Balance balance = jdbi.withHandle(h -> ledger.balance(h, wallet));
      assertThat(balance.posted()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
      total = total.add(balance.posted());
    }
    // Each accepted spend takes 2 out of the wallets in total.
    assertThat(total).isEqualByComparingTo(new BigDecimal(200 - 2 * accepted));
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "spend")).problems()).isEmpty();
  }

  @Test
  void a_hot_synchronous_pair_and_a_hot_asynchronous_account_end_with_exact_totals()
      throws Exception {
    accounts("hot", 2, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    Fixtures.account(
        jdbi,
        ledger,
        AccountDefinition.of("hot-async", "hot", "Revenue", AccountType.INCOME, "EUR")
            .withBalanceMode(BalanceMode.ASYNCHRONOUS));
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi,
            JobProcessorConfig.defaults().withThreads(2).withPollInterval(Duration.ofMillis(50)))) {
      AsyncBalanceJobs.register(processor, ledger);
      processor.start();
      race(
          thread -> {
            for (int i = 0; i < 25; i++) {
              String op = "h-" + thread + "-" + i;
              List<PostingRequest> batch =
                  List.of(
                      transfer("hot", op + "a", "hot-0", "hot-1", "1", T0),
                      transfer("hot", op + "b", "hot-1", "hot-async", "0.5", T0));
              List<PostingResult> results = jdbi.inTransaction(h -> ledger.submit(h, batch));
              assertThat(results).allMatch(r -> r instanceof PostingResult.Posted);
            }
          });
      // The processor applies the tasks in the background; wait, bounded, until it has.
      Await.until(
          "the processor applied every balance task",
          Duration.ofSeconds(60),
          () -> {
            processor.pollNow();
            return pendingTasks() == 0;
          });
    }
    BigDecimal expected = new BigDecimal(THREADS * 25).multiply(new BigDecimal("0.5"));
    assertThat(jdbi.withHandle(h -> ledger.balance(h, "hot-async")).posted())
        .isEqualByComparingTo(expected);
    assertThat(jdbi.inTransaction(h -> ledger.consistentBalance(h, "hot-async")).posted())
        .isEqualByComparingTo(expected);
    assertThat(jdbi.withHandle(h -> ledger.balance(h, "hot-0")).posted())
        .isEqualByComparingTo(new BigDecimal(THREADS * 25));
    assertThat(jdbi.withHandle(h -> ledger.verify(h, "hot")).problems()).isEmpty();
  }

  @Test
  void racing_captures_of_one_hold_and_racing_reversals_of_one_operation_each_win_once()
      throws Exception {
    accounts("race", 2, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    posted(
        jdbi.inTransaction(
            h ->
                ledger.hold(
                    h,
                    new HoldRequest(transfer("race", "hold", "race-0", "race-1", "9", T0), null))));
    posted(
        jdbi.inTransaction(
            h -> ledger.post(h, transfer("race", "op", "race-0", "race-1", "5", T0))));
    ConcurrentLinkedQueue<PostingResult> captures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<PostingResult> reversals = new ConcurrentLinkedQueue<>();
    race(
        thread -> {
          captures.add(
              jdbi.inTransaction(
                  h ->
                      ledger.capture(
                          h,
                          new CaptureRequest(
                              "race", "cap-" + thread, "hold", null, T0, T0, "{}"))));
          reversals.add(
              jdbi.inTransaction(
                  h ->
                      ledger.reverse(
                          h, new ReversalRequest("race", "rev-" + thread, "op", T0, T0, "{}"))));
        });

    assertThat(captures.stream().filter(r -> r instanceof PostingResult.Posted)).hasSize(1);
    assertThat(captures)
        .filteredOn(r -> !(r instanceof PostingResult.Posted))
        .containsOnly(new PostingResult.HoldNotPending("hold", HoldState.CAPTURED));
    assertThat(reversals.stream().filter(r -> r instanceof PostingResult.Posted)).hasSize(1);
    assertThat(reversals)
        .filteredOn(r -> !(r instanceof PostingResult.Posted))
        .containsOnly(new PostingResult.AlreadyReversed("race", "op"));
    Balance balance = jdbi.withHandle(h -> ledger.balance(h, "race-0"));
    assertThat(balance.posted()).isEqualByComparingTo("9");
    assertThat(balance.pendingDebits()).isZero();
  }

  @Test
  void a_period_close_racing_with_postings_lets_none_slip_into_the_closed_period()
      throws Exception {
    accounts("close", 4, AccountDefinition.of("x", "x", "x", AccountType.ASSET, "EUR"));
    java.time.Instant end = T0.plus(Duration.ofDays(1));
    ConcurrentLinkedQueue<PostingResult> results = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<CloseResult> closes = new ConcurrentLinkedQueue<>();
    race(
        thread -> {
          if (thread == 0) {
            Thread.yield();
            closes.add(jdbi.inTransaction(h -> ledger.closePeriod(h, "close", end)));
            return;
          }
          for (int i = 0; i < 30; i++) {
            String op = "c-" + thread + "-" + i;
            int from = (thread + i) % 4;
            results.add(
                jdbi.inTransaction(
                    h ->
                        ledger.post(
                            h,
                            transfer(
                                "close",
                                op,
                                "close-" + from,
                                "close-" + ((from + 1) % 4),
                                "1",
                                end.minusSeconds(1)))));
          }
        });

    assertThat(closes).singleElement().isInstanceOf(CloseResult.Closed.class);
    assertThat(results)
        .allMatch(
            r -> r instanceof PostingResult.Posted || r instanceof PostingResult.PeriodClosed);
    List<Balance> closing = jdbi.withHandle(h -> ledger.closingBalances(h, "close", end));
    for (Balance recorded : closing) {
      Balance now =
          jdbi.withHandle(
              h -> ledger.balanceAt(h, recorded.accountId(), BalanceAt.postingTimeBefore(end)));
      assertThat(now.debits()).isEqualByComparingTo(recorded.debits());
      assertThat(now.credits()).isEqualByComparingTo(recorded.credits());
    }
    long posted = results.stream().filter(r -> r instanceof PostingResult.Posted).count();
    BigDecimal closedDebits =
        closing.stream().map(Balance::debits).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(closedDebits).isEqualByComparingTo(BigDecimal.valueOf(posted));
  }

  private int pendingTasks() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM fis_ledger.balance_task t WHERE NOT EXISTS"
                        + " (SELECT 1 FROM fis_ledger.balance_task_applied a"
                        + " WHERE a.account_id = t.account_id AND a.task_id = t.task_id)")
                .mapTo(Integer.class)
                .one());
  }
}
