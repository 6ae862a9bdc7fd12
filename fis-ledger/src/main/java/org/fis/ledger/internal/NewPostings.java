package org.fis.ledger.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fis.ledger.BalanceTaskQueue;
import org.fis.ledger.LedgerException;
import org.fis.ledger.Line;
import org.fis.ledger.Posting;
import org.fis.ledger.PostingKind;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.jdbi.v3.core.Handle;

/**
 * The write path's common case in one round trip: a batch of new postings of one ledger, locked,
 * checked and written by one call of {@code fis_ledger.post_new} (see {@code V55__post_new.sql}).
 * Anything else (a recorded operation, a rejection, another kind of command) goes to the general
 * path, which gives the same results it always did. Not API. Stateless and thread-safe.
 */
final class NewPostings {
  /** The call, prepared once per connection by the driver (its statement cache). */
  static final String CALL =
      "SELECT posting_ids, async_accounts FROM fis_ledger.post_new("
          + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private NewPostings() {}

  /**
   * Writes the batch if it is the common case.
   *
   * @param handle the caller's transaction
   * @param items the batch
   * @param now the recording time
   * @param queue where asynchronous balance work is requested
   * @return one {@link PostingResult.Posted} per item, or {@code null} if the general path must
   *     decide (nothing was written; the locks taken are held)
   */
  static List<PostingResult> trySubmit(
      Handle handle, List<Journal.Item> items, Instant now, BalanceTaskQueue queue) {
    String ledgerId = items.get(0).ledgerId();
    int n = items.size();
    List<PostingRequest> requests = new ArrayList<>(n);
    Set<String> operations = new HashSet<>();
    TreeSet<Long> keys = new TreeSet<>();
    TreeSet<String> accountSet = new TreeSet<>();
    int entryCount = 0;
    for (Journal.Item item : items) {
      if (!(item.command() instanceof PostingRequest request)
          || !request.ledgerId().equals(ledgerId)
          || !operations.add(request.operationId())) {
        return null;
      }
      requests.add(request);
      keys.add(Hashes.lockKey(ledgerId, request.operationId()));
      for (Line line : request.lines()) {
        accountSet.add(line.accountId());
      }
      entryCount += request.lines().size();
    }
    String[] accounts = accountSet.toArray(new String[0]);
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < accounts.length; i++) {
      position.put(accounts[i], i + 1);
    }
    long recordedAt = Hashes.micros(now);
    String[] ops = new String[n];
    long[] operationTimes = new long[n];
    long[] postingTimes = new long[n];
    String[] metadata = new String[n];
    byte[][] requestHashes = new byte[n][];
    String[] recordTexts = new String[n];
    int[] entryPosting = new int[entryCount];
    int[] entryAccount = new int[entryCount];
    int[] entryLine = new int[entryCount];
    String[] entryCurrency = new String[entryCount];
    BigDecimal[] entryDebit = new BigDecimal[entryCount];
    BigDecimal[] entryCredit = new BigDecimal[entryCount];
    List<Integer> linkPosting = new ArrayList<>();
    List<Integer> linkAccount = new ArrayList<>();
    List<BigDecimal> linkDebit = new ArrayList<>();
    List<BigDecimal> linkCredit = new ArrayList<>();
    List<List<EntryRow>> entries = new ArrayList<>(n);
    int e = 0;
    for (int i = 0; i < n; i++) {
      PostingRequest request = requests.get(i);
      byte[] requestHash = Canonical.requestHash(request);
      List<EntryRow> rows = new ArrayList<>(request.lines().size());
      Map<Integer, BigDecimal[]> links = new LinkedHashMap<>();
      for (Line line : request.lines()) {
        EntryRow row = EntryRow.of(line, rows.size() + 1, 'L', request.postingTime());
        rows.add(row);
        int account = position.get(row.accountId());
        entryPosting[e] = i + 1;
        entryAccount[e] = account;
        entryLine[e] = row.lineNo();
        entryCurrency[e] = row.currency();
        entryDebit[e] = row.debit();
        entryCredit[e] = row.credit();
        e++;
        BigDecimal[] net = links.get(account);
        if (net == null) {
          links.put(account, new BigDecimal[] {row.debit(), row.credit()});
        } else {
          net[0] = net[0].add(row.debit());
          net[1] = net[1].add(row.credit());
        }
      }
      for (Map.Entry<Integer, BigDecimal[]> link : links.entrySet()) {
        linkPosting.add(i + 1);
        linkAccount.add(link.getKey());
        linkDebit.add(link.getValue()[0]);
        linkCredit.add(link.getValue()[1]);
      }
      entries.add(rows);
      ops[i] = request.operationId();
      operationTimes[i] = Hashes.micros(request.operationTime());
      postingTimes[i] = Hashes.micros(request.postingTime());
      metadata[i] = request.metadataJson();
      requestHashes[i] = requestHash;
      recordTexts[i] =
          Canonical.recordTextAfterId(
              ledgerId,
              request.operationId(),
              1,
              PostingKind.POSTING.name(),
              null,
              request.operationTime(),
              request.postingTime(),
              now,
              null,
              request.metadataJson(),
              requestHash,
              rows);
    }
    Long[] postingIds;
    String[] asyncAccounts;
    Connection connection = handle.getConnection();
    try (PreparedStatement call = connection.prepareStatement(CALL)) {
      call.setArray(1, array(connection, "int8", keys.toArray(new Long[0])));
      call.setString(2, ledgerId);
      call.setArray(3, array(connection, "text", ops));
      call.setArray(4, array(connection, "int8", boxed(operationTimes)));
      call.setArray(5, array(connection, "int8", boxed(postingTimes)));
      call.setLong(6, recordedAt);
      call.setArray(7, array(connection, "text", metadata));
      call.setArray(8, array(connection, "bytea", requestHashes));
      call.setArray(9, array(connection, "text", recordTexts));
      call.setArray(10, array(connection, "text", accounts));
      call.setArray(11, array(connection, "int4", boxed(entryPosting)));
      call.setArray(12, array(connection, "int4", boxed(entryAccount)));
      call.setArray(13, array(connection, "int4", boxed(entryLine)));
      call.setArray(14, array(connection, "text", entryCurrency));
      call.setArray(15, array(connection, "numeric", entryDebit));
      call.setArray(16, array(connection, "numeric", entryCredit));
      call.setArray(17, array(connection, "int4", linkPosting.toArray(new Integer[0])));
      call.setArray(18, array(connection, "int4", linkAccount.toArray(new Integer[0])));
      call.setArray(19, array(connection, "numeric", linkDebit.toArray(new BigDecimal[0])));
      call.setArray(20, array(connection, "numeric", linkCredit.toArray(new BigDecimal[0])));
      try (ResultSet rs = call.executeQuery()) {
        rs.next();
        Array ids = rs.getArray(1);
        if (ids == null) {
          return null;
        }
        postingIds = (Long[]) ids.getArray();
        Array async = rs.getArray(2);
        asyncAccounts = async == null ? new String[0] : (String[]) async.getArray();
      }
    } catch (SQLException ex) {
      throw new LedgerException(
          "ledger database operation failed: " + ex.getMessage(), List.of(ops[0]), ex);
    }
    List<PostingResult> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      PostingRequest request = requests.get(i);
      results.add(
          new PostingResult.Posted(
              new Posting(
                  postingIds[i],
                  ledgerId,
                  request.operationId(),
                  1,
                  PostingKind.POSTING,
                  null,
                  request.operationTime(),
                  request.postingTime(),
                  now,
                  null,
                  request.metadataJson(),
                  entries.get(i).stream().map(EntryRow::toLine).toList())));
    }
    if (asyncAccounts.length > 0) {
      // Sorted as the general path sorts them: keyed enqueues may lock each key until commit.
      queue.enqueueAll(handle, List.copyOf(new TreeSet<>(List.of(asyncAccounts))));
    }
    return results;
  }

  private static Array array(Connection connection, String type, Object[] values)
      throws SQLException {
    return connection.createArrayOf(type, values);
  }

  private static Long[] boxed(long[] values) {
    Long[] boxed = new Long[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static Integer[] boxed(int[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
