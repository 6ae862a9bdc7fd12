package org.fis.examples.bench.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.fis.measure.time.Interval;

/**
 * The benchmark's own table of quarter-hour rows (fis-billing stores none): one row per meter and
 * quarter hour with active import and reactive import/export energy in whole Wh/varh, filled by one
 * {@code INSERT … SELECT generate_series}, and streamed in (meter, time) order with a fetch size.
 * The billing run and the bare read use exactly the same query.
 */
public final class QuarterHourTable {
  /** Rows per network round trip when streaming. */
  public static final int FETCH_SIZE = 10_000;

  /** The streaming query: both the bare read and the billing run execute it. */
  public static final String SELECT =
      "SELECT meter_id, extract(epoch FROM ts)::bigint AS ts_s, active_import_wh,"
          + " reactive_import_varh, reactive_export_varh FROM bench_quarter_hour"
          + " WHERE ts >= ? AND ts < ? ORDER BY meter_id, ts";

  /** Receives streamed rows. */
  public interface RowSink {
    /**
     * One row.
     *
     * @param meter the meter number, 1-based
     * @param startSeconds the quarter hour's start, epoch seconds
     * @param activeImportWh active energy imported
     * @param reactiveImportVarh reactive energy imported
     * @param reactiveExportVarh reactive energy exported
     */
    void row(
        int meter,
        long startSeconds,
        long activeImportWh,
        long reactiveImportVarh,
        long reactiveExportVarh);
  }

  private QuarterHourTable() {}

  /**
   * Creates the table and fills it for the meters and period.
   *
   * @param connection a connection in auto-commit mode
   * @param meters how many meters
   * @param period the period, quarter-hour aligned
   * @return rows inserted
   * @throws SQLException when the database fails
   */
  public static long createAndFill(Connection connection, int meters, Interval period)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE bench_quarter_hour (meter_id int NOT NULL, ts timestamptz NOT NULL,"
              + " active_import_wh bigint NOT NULL, reactive_import_varh bigint NOT NULL,"
              + " reactive_export_varh bigint NOT NULL, PRIMARY KEY (meter_id, ts))");
    }
    long rows;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO bench_quarter_hour SELECT m, ts,"
                + " 100 + (m * 7919 + (extract(epoch FROM ts)::bigint / 900) * 104729) % 1500,"
                + " (m * 31 + (extract(epoch FROM ts)::bigint / 900) * 17) % 400,"
                + " (m * 13 + (extract(epoch FROM ts)::bigint / 900) * 7) % 50"
                + " FROM generate_series(1, ?) AS m,"
                + " generate_series(?::timestamptz, ?::timestamptz - interval '15 minutes',"
                + " interval '15 minutes') AS ts")) {
      insert.setInt(1, meters);
      insert.setObject(2, utc(period.start()));
      insert.setObject(3, utc(period.end()));
      rows = insert.executeUpdate();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE bench_quarter_hour");
    }
    return rows;
  }

  /**
   * Streams every row of the period, in (meter, time) order, into the sink.
   *
   * @param connection a connection; auto-commit is switched off for the cursor and restored
   * @param period the period
   * @param sink receives each row
   * @return rows streamed
   * @throws SQLException when the database fails
   */
  public static long stream(Connection connection, Interval period, RowSink sink)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    long rows = 0;
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setFetchSize(FETCH_SIZE);
      select.setObject(1, utc(period.start()));
      select.setObject(2, utc(period.end()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          sink.row(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
          rows++;
        }
      }
      connection.commit();
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return rows;
  }

  /**
   * The SQL sum of one meter's active energy over the period, to check the billing run.
   *
   * @param connection a connection
   * @param meter the meter number
   * @param period the period
   * @return Wh
   * @throws SQLException when the database fails
   */
  public static long activeImportWh(Connection connection, int meter, Interval period)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT coalesce(sum(active_import_wh), 0) FROM bench_quarter_hour"
                + " WHERE meter_id = ? AND ts >= ? AND ts < ?")) {
      select.setInt(1, meter);
      select.setObject(2, utc(period.start()));
      select.setObject(3, utc(period.end()));
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
