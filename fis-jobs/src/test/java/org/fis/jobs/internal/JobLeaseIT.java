package org.fis.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobsMigrations;
import org.fis.jobs.NewJob;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lease rules at the statement level: exclusive claims, fenced writes, takeover. */
@FisPostgres(migrations = JobsMigrations.class)
class JobLeaseIT {
  private static final JobQueue QUEUE = JobQueue.create();
  private static final long SHORT_LEASE_MILLIS = 300;
  private static final long LONG_LEASE_MILLIS = 600_000;

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE public.lease_effect (job_id bigint NOT NULL, worker text NOT NULL)"));
  }

  /** One sweep over the ready lines, window after window, as the processor's poller does. */
  private static JobStore.ClaimResult claim(
      Jdbi jdbi, String type, String worker, int limit, long leaseMillis) {
    JobStore.ScanPosition from = JobStore.SCAN_START;
    List<ClaimedJob> claimed = new ArrayList<>();
    for (int window = 0; window < 10_000; window++) {
      JobStore.ScanPosition start = from;
      int wanted = limit - claimed.size();
      JobStore.ClaimResult result =
          jdbi.withHandle(
              h -> JobStore.claim(h, List.of(type), worker, wanted, 16, leaseMillis, start));
      claimed.addAll(result.jobs());
      if (claimed.size() == limit || result.windowRows() < 16) {
        break;
      }
      from = result.windowEnd();
    }
    return new JobStore.ClaimResult(claimed, 0, null, null);
  }

  /** Jobs of the given types, run at {@code base}, {@code base} + 1 s, … , in one transaction. */
  private static List<Long> enqueueSpaced(Jdbi jdbi, java.time.Instant base, String... types) {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      jobs.add(new NewJob(types[i], null, "{}", base.plusSeconds(i)));
    }
    return jdbi.inTransaction(h -> QUEUE.enqueueAll(h, jobs));
  }

  /**
   * One claim statement with a long lease over a window of {@code window} lines after {@code from}.
   */
  private static JobStore.ClaimResult claimWindow(
      Jdbi jdbi, String type, String worker, int limit, int window, JobStore.ScanPosition from) {
    return jdbi.withHandle(
        h -> JobStore.claim(h, List.of(type), worker, limit, window, LONG_LEASE_MILLIS, from));
  }

  private static long enqueue(Jdbi jdbi, String type) {
    return jdbi.inTransaction(h -> QUEUE.enqueue(h, type, null, "{}"));
  }

  /** Waits, on the database clock, until every lease of the job has expired. */
  private static void awaitLeaseExpiry(Jdbi jdbi, long jobId) {
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT pg_sleep(GREATEST(0, EXTRACT(EPOCH FROM max(lease_until) - clock_timestamp())) + 0.05)"
                        + " FROM fis_jobs.job_status WHERE job_id = ?")
                .bind(0, jobId)
                .mapTo(String.class)
                .one());
  }

  private static List<String> kinds(Jdbi jdbi, long jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT kind || ':' || attempt || ':' || coalesce(worker_id, '-')"
                        + " FROM fis_jobs.job_status WHERE job_id = ? ORDER BY seq")
                .bind(0, jobId)
                .mapTo(String.class)
                .list());
  }

  /**
   * The claim reports how far the window was closed (the poller restarts there): through the last
   * claimed job when nothing was passed over, nowhere when an open line of another type comes
   * first, and through the window's end when every line in it already has a successor.
   */
  @Test
  void a_claim_reports_how_far_its_window_was_closed(Jdbi jdbi) {
    java.time.Instant base = java.time.Instant.parse("2001-03-04T05:06:07Z");
    List<Long> ids =
        enqueueSpaced(jdbi, base, "closed.mine", "closed.mine", "closed.other", "closed.mine");
    JobStore.ScanPosition before = new JobStore.ScanPosition(base.minusSeconds(1), 0);

    // Window of 2: both lines claimed, nothing passed over.
    JobStore.ClaimResult first = claimWindow(jdbi, "closed.mine", "w1", 10, 2, before);
    assertThat(first.jobs()).extracting(c -> c.job().id()).containsExactly(ids.get(0), ids.get(1));
    assertThat(first.closedThrough())
        .isEqualTo(new JobStore.ScanPosition(base.plusSeconds(1), ids.get(1)));

    // From there, the other type's line is open and comes first: no closed prefix.
    JobStore.ClaimResult second =
        claimWindow(jdbi, "closed.mine", "w1", 10, 2, first.closedThrough());
    assertThat(second.jobs()).extracting(c -> c.job().id()).containsExactly(ids.get(3));
    assertThat(second.closedThrough()).isNull();

    // Again from the start: the first two lines now have successors, the window is closed.
    JobStore.ClaimResult again = claimWindow(jdbi, "closed.mine", "w2", 10, 2, before);
    assertThat(again.jobs()).isEmpty();
    assertThat(again.closedThrough())
        .isEqualTo(new JobStore.ScanPosition(base.plusSeconds(1), ids.get(1)));

    // A window holding the open line of another type is not closed, even with nothing claimed.
    JobStore.ClaimResult open = claimWindow(jdbi, "closed.mine", "w2", 10, 3, before);
    assertThat(open.jobs()).isEmpty();
    assertThat(open.closedThrough()).isNull();
  }

  /** Closed lines passed over before the claimed ones do not stop the closed prefix. */
  @Test
  void closed_lines_before_the_claimed_ones_are_part_of_the_closed_prefix(Jdbi jdbi) {
    java.time.Instant base = java.time.Instant.parse("2004-01-01T00:00:00Z");
    List<Long> ids = enqueueSpaced(jdbi, base, "closed.prefix", "closed.prefix");
    JobStore.ScanPosition before = new JobStore.ScanPosition(base.minusSeconds(1), 0);
    JobStore.ClaimResult first = claimWindow(jdbi, "closed.prefix", "w1", 1, 2, before);
    assertThat(first.jobs()).extracting(c -> c.job().id()).containsExactly(ids.get(0));
    JobStore.ClaimResult second = claimWindow(jdbi, "closed.prefix", "w1", 10, 2, before);
    assertThat(second.jobs()).extracting(c -> c.job().id()).containsExactly(ids.get(1));
    assertThat(second.closedThrough())
        .isEqualTo(new JobStore.ScanPosition(base.plusSeconds(1), ids.get(1)));
  }

  /**
   * The claim inserts plainly. When a job's next line is written by a transaction that commits
   * while the claim waits on it (here a cancel), the plain insert fails on the primary key and the
   * claim is run again in the tolerant form: the other jobs are still claimed, the cancelled one
   * not.
   */
  @Test
  void a_claim_that_meets_a_concurrent_line_falls_back_and_claims_the_rest(Jdbi jdbi)
      throws Exception {
    java.time.Instant base = java.time.Instant.parse("2002-01-01T00:00:00Z");
    List<Long> ids = enqueueSpaced(jdbi, base, "conflict.race", "conflict.race");
    JobStore.ScanPosition before = new JobStore.ScanPosition(base.minusSeconds(1), 0);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Handle canceller = jdbi.open()) {
      canceller.begin();
      assertThat(QUEUE.cancel(canceller, ids.get(0)))
          .isInstanceOf(org.fis.jobs.JobCancelResult.Cancelled.class);
      Future<JobStore.ClaimResult> claim =
          pool.submit(() -> claimWindow(jdbi, "conflict.race", "w1", 10, 2, before));
      org.fis.testing.Await.until(
          "the claim waits on the cancel's line",
          java.time.Duration.ofSeconds(30),
          () ->
              JobsCounts.count(
                      jdbi,
                      "SELECT count(*) FROM pg_stat_activity"
                          + " WHERE wait_event_type = 'Lock' AND query LIKE '%scan AS MATERIALIZED%'")
                  == 1);
      canceller.commit();
      assertThat(claim.get().jobs()).extracting(c -> c.job().id()).containsExactly(ids.get(1));
    } finally {
      pool.shutdownNow();
    }
    assertThat(kinds(jdbi, ids.get(0))).containsExactly("cancelled:0:-");
  }

  /**
   * Before migration V51, enqueue wrote an 'enqueued' line 0. Such a job is claimed from that line
   * (the claim is line 1) and exactly once: its own row is not a second way in.
   */
  @Test
  void a_job_enqueued_with_a_line_zero_before_v51_is_claimed_once_from_it(Jdbi jdbi) {
    java.time.Instant base = java.time.Instant.parse("2003-01-01T00:00:00Z");
    long id =
        jdbi.inTransaction(
            h -> {
              long job =
                  h.createQuery(
                          "INSERT INTO fis_jobs.job (job_type, payload, run_at)"
                              + " VALUES ('legacy.line0', '{}', ?) RETURNING job_id")
                      .bind(0, base.atOffset(java.time.ZoneOffset.UTC))
                      .mapTo(Long.class)
                      .one();
              h.execute(
                  "INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, ready_at)"
                      + " SELECT job_id, 0, 'enqueued', 0, run_at FROM fis_jobs.job"
                      + " WHERE job_id = ?",
                  job);
              return job;
            });
    JobStore.ScanPosition before = new JobStore.ScanPosition(base.minusSeconds(1), 0);
    JobStore.ClaimResult first = claimWindow(jdbi, "legacy.line0", "w1", 10, 4, before);
    assertThat(first.jobs()).extracting(c -> c.job().id()).containsExactly(id);
    assertThat(first.jobs().get(0).seq()).isEqualTo(1);
    JobStore.ClaimResult second = claimWindow(jdbi, "legacy.line0", "w2", 10, 4, before);
    assertThat(second.jobs()).isEmpty();
    assertThat(kinds(jdbi, id)).containsExactly("enqueued:0:-", "claimed:1:w1");
  }

  @Test
  void a_claimed_job_is_not_claimed_again_while_its_lease_holds(Jdbi jdbi) {
    long id = enqueue(jdbi, "lease.hold");
    assertThat(claim(jdbi, "lease.hold", "w1", 10, LONG_LEASE_MILLIS).jobs())
        .extracting(c -> c.job().id())
        .containsExactly(id);
    assertThat(claim(jdbi, "lease.hold", "w2", 10, LONG_LEASE_MILLIS).jobs()).isEmpty();
  }

  @Test
  void concurrent_claimers_get_disjoint_jobs_and_every_job_exactly_one_claim(Jdbi jdbi)
      throws Exception {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      jobs.add(NewJob.of("lease.race", null, "{}"));
    }
    List<Long> ids = jdbi.inTransaction(h -> QUEUE.enqueueAll(h, jobs));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String worker = "racer-" + w;
        Callable<List<Long>> claimer =
            () -> {
              List<Long> mine = new ArrayList<>();
              for (int round = 0; round < 40; round++) {
                claim(jdbi, "lease.race", worker, 7, LONG_LEASE_MILLIS)
                    .jobs()
                    .forEach(c -> mine.add(c.job().id()));
              }
              return mine;
            };
        futures.add(pool.submit(claimer));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> future : futures) {
        all.addAll(future.get());
      }
      assertThat(all).doesNotHaveDuplicates();
      assertThat(new HashSet<>(all)).isEqualTo(new HashSet<>(ids));
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            JobsCounts.count(
                jdbi,
                "SELECT count(*) FROM fis_jobs.job_status s JOIN fis_jobs.job j USING (job_id)"
                    + " WHERE j.job_type = 'lease.race' AND s.kind = 'claimed'"))
        .isEqualTo(400);
  }

  @Test
  void
      a_worker_whose_connection_dropped_is_taken_over_after_its_lease_and_its_late_write_is_rejected(
          Jdbi jdbi) {
    long id = enqueue(jdbi, "lease.crash");
    // Worker 1 claims on its own connection, starts the job's transaction, writes, then its
    // connection is killed (the process died): nothing of the transaction survives.
    int heldSeq = -1;
    try (Handle doomed = jdbi.open()) {
      ClaimedJob claimed = claim(jdbi, "lease.crash", "w1", 1, SHORT_LEASE_MILLIS).jobs().get(0);
      heldSeq = claimed.seq();
      doomed.begin();
      doomed.execute("INSERT INTO public.lease_effect VALUES (?, 'w1')", id);
      int pid = doomed.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
      jdbi.useHandle(h -> h.execute("SELECT pg_terminate_backend(?)", pid));
      try {
        doomed.rollback();
      } catch (RuntimeException expected) {
        // the connection is gone
      }
    } catch (RuntimeException closingABrokenConnection) {
      // closing a handle whose connection was killed may fail; the test goes on
    }
    assertThat(heldSeq).as("the claim is line 0: enqueue writes no line").isEqualTo(0);
    assertThat(claim(jdbi, "lease.crash", "w2", 1, LONG_LEASE_MILLIS).jobs())
        .as("no takeover before the lease expires")
        .isEmpty();

    awaitLeaseExpiry(jdbi, id);
    List<ClaimedJob> takeover = claim(jdbi, "lease.crash", "w2", 1, LONG_LEASE_MILLIS).jobs();
    assertThat(takeover).hasSize(1);
    assertThat(takeover.get(0).job().attempt()).isEqualTo(2);

    // Worker 1 comes back and tries to finish with its old lease: rejected, and its writes in the
    // same transaction do not commit.
    boolean lateWrite =
        jdbi.inTransaction(
            h -> {
              h.execute("INSERT INTO public.lease_effect VALUES (?, 'w1')", id);
              boolean accepted = JobStore.succeed(h, id, 1, "w1");
              if (!accepted) {
                h.rollback();
              }
              return accepted;
            });
    assertThat(lateWrite).isFalse();

    boolean w2Done =
        jdbi.inTransaction(
            h -> {
              h.execute("INSERT INTO public.lease_effect VALUES (?, 'w2')", id);
              return JobStore.succeed(h, id, takeover.get(0).seq(), "w2");
            });
    assertThat(w2Done).isTrue();
    assertThat(
            jdbi.<List<String>, RuntimeException>withHandle(
                h ->
                    h.createQuery("SELECT worker FROM public.lease_effect WHERE job_id = ?")
                        .bind(0, id)
                        .mapTo(String.class)
                        .list()))
        .containsExactly("w2");
    assertThat(kinds(jdbi, id)).containsExactly("claimed:1:w1", "claimed:2:w2", "succeeded:2:w2");
  }

  @Test
  void lease_extension_is_accepted_while_held_and_rejected_after_expiry(Jdbi jdbi) {
    long id = enqueue(jdbi, "lease.extend");
    ClaimedJob claimed = claim(jdbi, "lease.extend", "w1", 1, SHORT_LEASE_MILLIS).jobs().get(0);
    List<long[]> extended =
        jdbi.withHandle(
            h ->
                JobStore.extend(
                    h, new long[] {id}, new int[] {claimed.seq()}, "w1", SHORT_LEASE_MILLIS));
    assertThat(extended).hasSize(1);
    int newSeq = (int) extended.get(0)[1];
    assertThat(newSeq).isEqualTo(claimed.seq() + 1);
    // Another worker may not extend it, nor may the holder extend from a line that is not its head.
    assertThat(
            jdbi.<List<long[]>, RuntimeException>withHandle(
                h ->
                    JobStore.extend(
                        h, new long[] {id}, new int[] {newSeq}, "w2", SHORT_LEASE_MILLIS)))
        .isEmpty();
    assertThat(
            jdbi.<List<long[]>, RuntimeException>withHandle(
                h ->
                    JobStore.extend(
                        h, new long[] {id}, new int[] {claimed.seq()}, "w1", SHORT_LEASE_MILLIS)))
        .isEmpty();

    awaitLeaseExpiry(jdbi, id);
    assertThat(
            jdbi.<List<long[]>, RuntimeException>withHandle(
                h ->
                    JobStore.extend(
                        h, new long[] {id}, new int[] {newSeq}, "w1", SHORT_LEASE_MILLIS)))
        .as("an expired lease cannot be extended")
        .isEmpty();
    assertThat(
            jdbi.<Boolean, RuntimeException>withHandle(h -> JobStore.succeed(h, id, newSeq, "w1")))
        .as("nor completed")
        .isFalse();
  }

  @Test
  void released_jobs_are_claimable_at_once_with_the_attempt_given_back(Jdbi jdbi) {
    long id = enqueue(jdbi, "lease.release");
    ClaimedJob claimed = claim(jdbi, "lease.release", "w1", 1, LONG_LEASE_MILLIS).jobs().get(0);
    assertThat(
            jdbi.<List<Long>, RuntimeException>withHandle(
                h -> JobStore.release(h, new long[] {id}, new int[] {claimed.seq()}, "w1")))
        .containsExactly(id);
    ClaimedJob again = claim(jdbi, "lease.release", "w2", 1, LONG_LEASE_MILLIS).jobs().get(0);
    assertThat(again.job().attempt()).isEqualTo(1);
    assertThat(
            jdbi.<Boolean, RuntimeException>withHandle(
                h -> JobStore.succeed(h, id, claimed.seq(), "w1")))
        .isFalse();
  }

  @Test
  void the_state_of_every_status_kind_is_defined() {
    Set<String> kinds =
        Set.of(
            "enqueued",
            "claimed",
            "extended",
            "succeeded",
            "failed",
            "released",
            "dead",
            "retried",
            "cancelled");
    for (String kind : kinds) {
      assertThat(JobStore.state(kind, true)).isNotNull();
    }
    assertThat(JobStore.state("claimed", false)).isEqualTo(org.fis.jobs.JobState.WAITING);
  }
}
