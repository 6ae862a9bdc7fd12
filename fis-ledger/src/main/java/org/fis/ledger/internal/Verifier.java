package org.fis.ledger.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fis.ledger.VerifyResult;
import org.jdbi.v3.core.Handle;

/**
 * Recomputes a ledger's record hashes and per-account chains. Reads in pages of {@value
 * #PAGE_SIZE}; takes no lock, so it never blocks writers. Not API. Stateless.
 */
public final class Verifier {
  /** Rows read per page. */
  public static final int PAGE_SIZE = 1_000;

  private Verifier() {}

  /**
   * Verifies a ledger.
   *
   * @param handle the caller's transaction (use REPEATABLE READ for a consistent snapshot)
   * @param ledgerId the ledger
   * @return what was checked and the problems found
   */
  public static VerifyResult verify(Handle handle, String ledgerId) {
    List<String> problems = new ArrayList<>();
    long postings = verifyPostings(handle, ledgerId, problems);
    long links = 0;
    List<String> accounts =
        handle
            .createQuery(
                "SELECT account_id FROM fis_ledger.account WHERE ledger_id = :id"
                    + " ORDER BY account_id")
            .bind("id", ledgerId)
            .mapTo(String.class)
            .list();
    for (String accountId : accounts) {
      links += verifyChain(handle, accountId, problems);
    }
    verifyRunningBalances(handle, ledgerId, problems);
    List<String> bounded =
        problems.size() > VerifyResult.PROBLEMS_MAX
            ? problems.subList(0, VerifyResult.PROBLEMS_MAX)
            : problems;
    return new VerifyResult(ledgerId, postings, links, bounded);
  }

  private static long verifyPostings(Handle handle, String ledgerId, List<String> problems) {
    long checked = 0;
    long after = -1;
    while (true) {
      List<Long> ids =
          handle
              .createQuery(
                  "SELECT posting_id FROM fis_ledger.posting WHERE ledger_id = :id"
                      + " AND posting_id > :after ORDER BY posting_id LIMIT :limit")
              .bind("id", ledgerId)
              .bind("after", after)
              .bind("limit", PAGE_SIZE)
              .mapTo(Long.class)
              .list();
      if (ids.isEmpty()) {
        return checked;
      }
      Map<Long, Stored> page = Db.loadPostings(handle, ids);
      for (Stored stored : page.values()) {
        byte[] expected =
            Canonical.recordHash(stored.posting(), stored.requestHash(), stored.entries());
        if (!Arrays.equals(expected, stored.recordHash())) {
          problems.add(
              "posting "
                  + stored.posting().postingId()
                  + " (operation '"
                  + stored.posting().operationId()
                  + "') does not match its record hash");
        }
        checked++;
      }
      after = ids.get(ids.size() - 1);
    }
  }

  private record Link(long sequence, long postingId, byte[] chainHash, byte[] recordHash) {}

  private static long verifyChain(Handle handle, String accountId, List<String> problems) {
    byte[] previous = null;
    long expectedSequence = 1;
    while (true) {
      List<Link> links =
          handle
              .createQuery(
                  "SELECT c.chain_seq, c.posting_id, c.chain_hash, p.record_hash"
                      + " FROM fis_ledger.account_chain c LEFT JOIN fis_ledger.posting p"
                      + " ON p.posting_id = c.posting_id WHERE c.account_id = :id"
                      + " AND c.chain_seq >= :from ORDER BY c.chain_seq LIMIT :limit")
              .bind("id", accountId)
              .bind("from", expectedSequence)
              .bind("limit", PAGE_SIZE)
              .map(
                  (rs, ctx) ->
                      new Link(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4)))
              .list();
      for (Link link : links) {
        if (link.sequence() != expectedSequence) {
          problems.add(
              "account '"
                  + accountId
                  + "' chain skips from link "
                  + (expectedSequence - 1)
                  + " to "
                  + link.sequence());
          return expectedSequence - 1;
        }
        byte[] recordHash = link.recordHash() == null ? new byte[0] : link.recordHash();
        byte[] expected = Hashes.chain(previous, accountId, link.sequence(), recordHash);
        if (!Arrays.equals(expected, link.chainHash())) {
          problems.add(
              "account '"
                  + accountId
                  + "' chain link "
                  + link.sequence()
                  + " (posting "
                  + link.postingId()
                  + ") does not match");
        }
        previous = link.chainHash();
        expectedSequence++;
      }
      if (links.size() < PAGE_SIZE) {
        break;
      }
    }
    checkHead(handle, accountId, expectedSequence - 1, previous, problems);
    return expectedSequence - 1;
  }

  private static void checkHead(
      Handle handle, String accountId, long length, byte[] hash, List<String> problems) {
    handle
        .createQuery(
            "SELECT chain_length, chain_hash FROM fis_ledger.account_balance"
                + " WHERE account_id = :id")
        .bind("id", accountId)
        .map(
            (rs, ctx) -> {
              if (rs.getLong(1) != length || !Arrays.equals(rs.getBytes(2), hash)) {
                problems.add(
                    "account '"
                        + accountId
                        + "' chain head ("
                        + rs.getLong(1)
                        + " links) does not match its "
                        + length
                        + " stored links");
              }
              return 0;
            })
        .list();
  }

  private static void verifyRunningBalances(Handle handle, String ledgerId, List<String> problems) {
    handle
        .createQuery(
            "SELECT a.account_id FROM fis_ledger.account a"
                + " JOIN fis_ledger.account_balance b USING (account_id)"
                + " LEFT JOIN LATERAL (SELECT"
                + " coalesce(sum(debit) FILTER (WHERE effect IN ('L','C')), 0) AS d,"
                + " coalesce(sum(credit) FILTER (WHERE effect IN ('L','C')), 0) AS c,"
                + " coalesce(sum(debit) FILTER (WHERE effect IN ('H','R')), 0) AS pd,"
                + " coalesce(sum(credit) FILTER (WHERE effect IN ('H','R')), 0) AS pc"
                + " FROM fis_ledger.entry e WHERE e.account_id = a.account_id) s ON true"
                + " WHERE a.ledger_id = :id AND a.balance_mode = 'SYNCHRONOUS'"
                + " AND (b.debits, b.credits, b.pending_debits, b.pending_credits)"
                + " IS DISTINCT FROM (s.d, s.c, s.pd, s.pc) ORDER BY a.account_id LIMIT :limit")
        .bind("id", ledgerId)
        .bind("limit", VerifyResult.PROBLEMS_MAX)
        .mapTo(String.class)
        .forEach(
            accountId ->
                problems.add(
                    "account '" + accountId + "' running balance differs from its entries"));
  }
}
