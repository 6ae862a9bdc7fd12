package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.ledger.Fixtures.T0;
import static org.fis.ledger.Fixtures.transfer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobsMigrations;
import org.fis.testing.Await;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** How a submit asks for asynchronous balance work: once per call, accounts sorted. */
@FisPostgres(migrations = {JobsMigrations.class, LedgerMigrations.class})
class BalanceQueueIT {
  private final SettableClock clock = new SettableClock(T0.plus(Duration.ofDays(1)));

  private static void asyncAccounts(Jdbi jdbi, Ledger ledger, String ledgerId, String... ids) {
    Fixtures.ledger(jdbi, ledger, ledgerId);
    for (String id : ids) {
      Fixtures.account(
          jdbi,
          ledger,
          AccountDefinition.of(id, ledgerId, id, AccountType.ASSET, "EUR")
              .withBalanceMode(BalanceMode.ASYNCHRONOUS));
    }
  }

  @Test
  void a_submit_requests_all_its_asynchronous_accounts_in_one_call_sorted_by_id(Jdbi jdbi) {
    List<List<String>> calls = new CopyOnWriteArrayList<>();
    BalanceTaskQueue recording =
        new BalanceTaskQueue() {
          @Override
          public void enqueue(Handle handle, String accountId) {
            calls.add(List.of(accountId));
          }

          @Override
          public void enqueueAll(Handle handle, List<String> accountIds) {
            calls.add(List.copyOf(accountIds));
          }
        };
    Ledger ledger = Ledger.create(LedgerConfig.defaults(), clock, recording);
    asyncAccounts(jdbi, ledger, "q1", "q-c", "q-a", "q-d", "q-b");

    List<PostingResult> results =
        jdbi.inTransaction(
            h ->
                ledger.submit(
                    h,
                    List.of(
                        transfer("q1", "op-1", "q-d", "q-c", "1", T0),
                        transfer("q1", "op-2", "q-b", "q-a", "2", T0),
                        transfer("q1", "op-3", "q-c", "q-b", "3", T0))));

    assertThat(results).allMatch(r -> r instanceof PostingResult.Posted);
    assertThat(calls).containsExactly(List.of("q-a", "q-b", "q-c", "q-d"));
  }

  @Test
  void a_queue_with_only_the_single_enqueue_gets_each_account_once_in_order(Jdbi jdbi) {
    List<String> enqueued = new CopyOnWriteArrayList<>();
    Ledger ledger =
        Ledger.create(
            LedgerConfig.defaults(), clock, (handle, accountId) -> enqueued.add(accountId));
    asyncAccounts(jdbi, ledger, "q2", "r-b", "r-a", "r-c");

    jdbi.useTransaction(
        h ->
            ledger.submit(
                h,
                List.of(
                    transfer("q2", "op-1", "r-c", "r-a", "1", T0),
                    transfer("q2", "op-2", "r-b", "r-a", "2", T0))));

    assertThat(enqueued).containsExactly("r-a", "r-b", "r-c");
  }

  @Test
  void the_job_queue_adapter_enqueues_every_account_and_the_processor_applies_them(Jdbi jdbi)
      throws Exception {
    Ledger ledger =
        Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(JobQueue.create()));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(String.format("s-%02d", i));
    }
    asyncAccounts(jdbi, ledger, "q3", ids.toArray(String[]::new));
    List<PostingRequest> batch = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      batch.add(transfer("q3", "op-" + i, ids.get(i), ids.get((i + 1) % ids.size()), "1", T0));
    }
    jdbi.useTransaction(h -> ledger.submit(h, batch));

    try (JobProcessor processor =
        JobProcessor.create(
            jdbi,
            JobProcessorConfig.defaults().withThreads(1).withPollInterval(Duration.ofMillis(50)))) {
      AsyncBalanceJobs.register(processor, ledger);
      processor.start();
      // Bounded wait until the processor has applied every account's task (no consistent read).
      Await.until(
          "the processor applied every account's task",
          Duration.ofSeconds(60),
          () -> {
            processor.pollNow();
            return allApplied(jdbi, ledger, ids);
          });
    }
    for (String id : ids) {
      Balance balance = jdbi.withHandle(h -> ledger.balance(h, id));
      assertThat(balance.debits()).as(id).isEqualByComparingTo(BigDecimal.ONE);
      assertThat(balance.credits()).as(id).isEqualByComparingTo(BigDecimal.ONE);
    }
  }

  private static boolean allApplied(Jdbi jdbi, Ledger ledger, List<String> ids) {
    return jdbi.withHandle(
        h ->
            ids.stream()
                .allMatch(
                    id ->
                        ledger.balance(h, id).debits().signum() > 0
                            && ledger.balance(h, id).credits().signum() > 0));
  }
}
