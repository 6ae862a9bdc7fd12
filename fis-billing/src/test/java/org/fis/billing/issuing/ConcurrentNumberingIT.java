package org.fis.billing.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.fis.billing.BillingMigrations;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = BillingMigrations.class)
class ConcurrentNumberingIT {
  private static final int THREADS = 8;
  private static final int ISSUES_PER_THREAD = 15;
  private static final long TIMEOUT_SECONDS = 120;

  private final InvoiceIssuer issuer =
      InvoiceIssuerIT.issuer(Clock.fixed(InvoiceIssuerIT.NOW, ZoneOffset.UTC));

  @Test
  void concurrent_issuing_with_rollbacks_gives_gapless_unique_numbers(Jdbi jdbi) throws Exception {
    List<Callable<List<Long>>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(
          () -> {
            List<Long> committed = new ArrayList<>();
            for (int i = 0; i < ISSUES_PER_THREAD; i++) {
              String user = "user-" + thread + "-" + i;
              boolean rollBack = i % 4 == 3;
              try (Handle handle = jdbi.open()) {
                handle.begin();
                long sequence =
                    issuer.issue(handle, InvoiceIssuerIT.request("dso", user)).invoice().sequence();
                if (rollBack) {
                  handle.rollback();
                } else {
                  handle.commit();
                  committed.add(sequence);
                }
              }
            }
            return committed;
          });
    }

    List<Long> sequences = runAll(workers);

    long expected = (long) THREADS * (ISSUES_PER_THREAD - ISSUES_PER_THREAD / 4);
    assertThat(sequences).hasSize((int) expected).doesNotHaveDuplicates();
    assertThat(sequences)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
    Long stored =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(DISTINCT sequence) FROM fis_billing.invoice"
                            + " WHERE issuer_id = 'dso' AND sequence BETWEEN 1 AND :max")
                    .bind("max", expected)
                    .mapTo(Long.class)
                    .one());
    assertThat(stored).isEqualTo(expected);
  }

  @Test
  void concurrent_issuing_of_one_network_user_and_period_issues_one_invoice(Jdbi jdbi)
      throws Exception {
    List<Callable<List<Long>>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(
          () -> {
            IssueResult result =
                jdbi.inTransaction(
                    h -> issuer.issue(h, InvoiceIssuerIT.request("dso-one", "user-1")));
            return List.of(
                result instanceof IssueResult.Issued ? 1L : 0L, result.invoice().sequence());
          });
    }

    List<Long> flat = runAll(workers);

    List<Long> issuedFlags = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    for (int i = 0; i < flat.size(); i += 2) {
      issuedFlags.add(flat.get(i));
      sequences.add(flat.get(i + 1));
    }
    assertThat(issuedFlags).containsOnlyOnce(1L);
    assertThat(sequences).containsOnly(1L);
  }

  private static List<Long> runAll(List<Callable<List<Long>>> workers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Long>>> futures = pool.invokeAll(workers, TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> future : futures) {
        all.addAll(future.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
