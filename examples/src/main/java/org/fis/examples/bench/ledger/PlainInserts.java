package org.fis.examples.bench.ledger;

import java.util.ArrayList;
import java.util.List;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.jdbi.v3.core.Handle;

/**
 * The baseline: plain INSERTs of the rows a transfer consists of (one posting row, two entry rows)
 * into tables of the same shape as the journal's, with primary keys but without the journal's
 * triggers, foreign keys, locks, idempotency checks, balances or hashes.
 */
public final class PlainInserts {
  private PlainInserts() {}

  /**
   * Creates the baseline tables.
   *
   * @param handle a handle
   */
  public static void createTables(Handle handle) {
    handle.execute(
        "CREATE TABLE public.plain_posting (ledger_id text NOT NULL, posting_id bigserial PRIMARY"
            + " KEY, operation_id text NOT NULL, version int NOT NULL, kind text NOT NULL,"
            + " operation_time timestamptz NOT NULL, posting_time timestamptz NOT NULL,"
            + " recorded_at timestamptz NOT NULL, metadata jsonb NOT NULL)");
    handle.execute(
        "CREATE TABLE public.plain_entry (account_id text NOT NULL, posting_id bigint NOT NULL,"
            + " line_no int NOT NULL, currency text NOT NULL, debit numeric(38,9) NOT NULL,"
            + " credit numeric(38,9) NOT NULL, posting_time timestamptz NOT NULL,"
            + " recorded_at timestamptz NOT NULL, PRIMARY KEY (account_id, posting_id, line_no))");
  }

  /**
   * Inserts the rows of one transfer with one statement per table.
   *
   * @param handle the transaction
   * @param request the transfer
   */
  public static void insertOne(Handle handle, PostingRequest request) {
    long id =
        handle
            .createQuery(
                "INSERT INTO public.plain_posting (ledger_id, operation_id, version, kind,"
                    + " operation_time, posting_time, recorded_at, metadata) VALUES (:l, :o, 1,"
                    + " 'POSTING', now(), now(), now(), '{}'::jsonb) RETURNING posting_id")
            .bind("l", request.ledgerId())
            .bind("o", request.operationId())
            .mapTo(Long.class)
            .one();
    Line a = request.lines().get(0);
    Line b = request.lines().get(1);
    handle
        .createUpdate(
            "INSERT INTO public.plain_entry (account_id, posting_id, line_no, currency, debit,"
                + " credit, posting_time, recorded_at) VALUES"
                + " (:a1, :p, 1, 'EUR', CAST(:d1 AS numeric), CAST(:c1 AS numeric), now(), now()),"
                + " (:a2, :p, 2, 'EUR', CAST(:d2 AS numeric), CAST(:c2 AS numeric), now(), now())")
        .bind("p", id)
        .bind("a1", a.accountId())
        .bind("d1", debit(a))
        .bind("c1", credit(a))
        .bind("a2", b.accountId())
        .bind("d2", debit(b))
        .bind("c2", credit(b))
        .execute();
  }

  /**
   * Inserts the rows of many transfers with one statement per table.
   *
   * @param handle the transaction
   * @param requests the transfers
   */
  public static void insertMany(Handle handle, List<PostingRequest> requests) {
    List<Long> ids =
        handle
            .createQuery(
                "INSERT INTO public.plain_posting (ledger_id, operation_id, version, kind,"
                    + " operation_time, posting_time, recorded_at, metadata)"
                    + " SELECT l, o, 1, 'POSTING', now(), now(), now(), '{}'::jsonb"
                    + " FROM unnest(:l, :o) AS t(l, o) RETURNING posting_id")
            .bindArray("l", String.class, requests.stream().map(PostingRequest::ledgerId).toList())
            .bindArray(
                "o", String.class, requests.stream().map(PostingRequest::operationId).toList())
            .mapTo(Long.class)
            .list();
    List<String> accounts = new ArrayList<>();
    List<Long> postings = new ArrayList<>();
    List<Integer> lineNos = new ArrayList<>();
    List<String> debits = new ArrayList<>();
    List<String> credits = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      int lineNo = 1;
      for (Line line : requests.get(i).lines()) {
        accounts.add(line.accountId());
        postings.add(ids.get(i));
        lineNos.add(lineNo++);
        debits.add(debit(line));
        credits.add(credit(line));
      }
    }
    handle
        .createUpdate(
            "INSERT INTO public.plain_entry (account_id, posting_id, line_no, currency, debit,"
                + " credit, posting_time, recorded_at)"
                + " SELECT a, p, n, 'EUR', d::numeric, c::numeric, now(), now()"
                + " FROM unnest(:a, :p, :n, :d, :c) AS t(a, p, n, d, c)")
        .bindArray("a", String.class, accounts)
        .bindArray("p", Long.class, postings)
        .bindArray("n", Integer.class, lineNos)
        .bindArray("d", String.class, debits)
        .bindArray("c", String.class, credits)
        .execute();
  }

  private static String debit(Line line) {
    return line.side() == org.fis.ledger.Side.DEBIT ? line.amount().toPlainString() : "0";
  }

  private static String credit(Line line) {
    return line.side() == org.fis.ledger.Side.CREDIT ? line.amount().toPlainString() : "0";
  }
}
