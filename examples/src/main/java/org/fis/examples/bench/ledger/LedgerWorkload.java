package org.fis.examples.bench.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;

/**
 * The benchmark's transfers: two-line postings between random distinct accounts, with unique
 * operation ids and amounts with two decimals. Not thread-safe: one per worker thread.
 */
public final class LedgerWorkload {
  /** The posting time of every transfer. */
  public static final Instant POSTING_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private final String ledgerId;
  private final List<String> accounts;
  private final String prefix;
  private final Random random;
  private long next;

  /**
   * Creates a workload.
   *
   * @param ledgerId the ledger
   * @param accounts the accounts to move money between (at least 2)
   * @param prefix a prefix making operation ids unique across workers and scenarios
   * @param seed the random seed
   */
  public LedgerWorkload(String ledgerId, List<String> accounts, String prefix, long seed) {
    if (accounts.size() < 2) {
      throw new IllegalArgumentException("accounts: need at least 2, got " + accounts.size());
    }
    this.ledgerId = ledgerId;
    this.accounts = List.copyOf(accounts);
    this.prefix = prefix;
    this.random = new Random(seed);
  }

  /**
   * The next transfer.
   *
   * @return a balanced two-line posting request
   */
  public PostingRequest next() {
    int from = random.nextInt(accounts.size());
    int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
    BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
    return PostingRequest.of(
        ledgerId,
        prefix + "-" + next++,
        POSTING_TIME,
        List.of(
            Line.debit(accounts.get(from), amount, "EUR"),
            Line.credit(accounts.get(to), amount, "EUR")));
  }

  /**
   * The next transfers.
   *
   * @param count how many
   * @return the requests
   */
  public List<PostingRequest> next(int count) {
    List<PostingRequest> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(next());
    }
    return batch;
  }
}
