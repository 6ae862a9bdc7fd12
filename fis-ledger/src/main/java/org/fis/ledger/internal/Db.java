package org.fis.ledger.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fis.ledger.PostingKind;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Small JDBC/Jdbi helpers shared by the internal stores. Not API. Thread-safe. */
public final class Db {
  /** SQL for turning a bigint of epoch microseconds into a timestamptz. */
  public static final String MICROS = "(timestamptz 'epoch' + (%s) * interval '1 microsecond')";

  private static final HexFormat HEX = HexFormat.of();

  private Db() {}

  /**
   * SQL that converts a microseconds expression to timestamptz.
   *
   * @param expression the bigint expression
   * @return the SQL
   */
  public static String micros(String expression) {
    return String.format(MICROS, expression);
  }

  /**
   * Reads a timestamptz column.
   *
   * @param rs the row
   * @param column the column
   * @return the instant or {@code null}
   * @throws SQLException on a driver error
   */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Reads a numeric(38,9) column at scale 9.
   *
   * @param rs the row
   * @param column the column
   * @return the amount
   * @throws SQLException on a driver error
   */
  public static BigDecimal amount(ResultSet rs, String column) throws SQLException {
    return rs.getBigDecimal(column).setScale(Checks.AMOUNT_SCALE);
  }

  /**
   * Hex text of bytes for binding through {@code decode(x, 'hex')}.
   *
   * @param bytes the bytes
   * @return the hex text
   */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Loads the stored postings with the given ids, with their entries.
   *
   * @param handle the caller's transaction
   * @param postingIds the ids
   * @return the postings by id
   */
  public static Map<Long, Stored> loadPostings(Handle handle, Collection<Long> postingIds) {
    Map<Long, List<EntryRow>> entries = new java.util.HashMap<>();
    handle
        .createQuery(
            "SELECT posting_id, account_id, line_no, effect, currency, debit, credit, posting_time"
                + " FROM fis_ledger.entry WHERE posting_id = ANY(:ids) ORDER BY posting_id, line_no")
        .bindArray("ids", Long.class, postingIds)
        .map(
            (rs, ctx) -> {
              entries
                  .computeIfAbsent(rs.getLong("posting_id"), k -> new ArrayList<>())
                  .add(entry(rs));
              return 0;
            })
        .list();
    Map<Long, Stored> result = new java.util.LinkedHashMap<>();
    Query query =
        handle
            .createQuery(
                "SELECT * FROM fis_ledger.posting WHERE posting_id = ANY(:ids) ORDER BY posting_id")
            .bindArray("ids", Long.class, postingIds);
    query
        .map(
            (rs, ctx) -> {
              long id = rs.getLong("posting_id");
              List<EntryRow> own = entries.getOrDefault(id, List.of());
              result.put(id, stored(rs, own));
              return 0;
            })
        .list();
    return result;
  }

  /**
   * Reads one entry row.
   *
   * @param rs the row
   * @return the entry
   * @throws SQLException on a driver error
   */
  public static EntryRow entry(ResultSet rs) throws SQLException {
    return new EntryRow(
        rs.getString("account_id"),
        rs.getInt("line_no"),
        rs.getString("effect").charAt(0),
        rs.getString("currency"),
        amount(rs, "debit"),
        amount(rs, "credit"),
        instant(rs, "posting_time"));
  }

  /**
   * Reads a posting row and combines it with its entries.
   *
   * @param rs the posting row
   * @param entries its entries
   * @return the stored posting
   * @throws SQLException on a driver error
   */
  public static Stored stored(ResultSet rs, List<EntryRow> entries) throws SQLException {
    org.fis.ledger.Posting posting =
        new org.fis.ledger.Posting(
            rs.getLong("posting_id"),
            rs.getString("ledger_id"),
            rs.getString("operation_id"),
            rs.getInt("version"),
            PostingKind.valueOf(rs.getString("kind")),
            rs.getString("reference_operation_id"),
            instant(rs, "operation_time"),
            instant(rs, "posting_time"),
            instant(rs, "recorded_at"),
            instant(rs, "expires_at"),
            Json.canonicalObject(rs.getString("metadata"), "metadata"),
            entries.stream().filter(EntryRow::ownLine).map(EntryRow::toLine).toList());
    return new Stored(posting, rs.getBytes("request_hash"), rs.getBytes("record_hash"), entries);
  }
}
