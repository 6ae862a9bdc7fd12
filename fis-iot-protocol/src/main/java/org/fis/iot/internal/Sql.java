package org.fis.iot.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC helpers: instants are bound and read as UTC {@link OffsetDateTime}. */
public final class Sql {
  private Sql() {}

  /** An instant as a bindable UTC offset date-time (independent of the session time zone). */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Reads a timestamptz column as an instant (null stays null). */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Epoch microseconds of an instant (exact for instants of microsecond precision). */
  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** The instant of epoch microseconds. */
  public static Instant ofMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /**
   * A {@code bigint[]} argument that the driver sends in binary (pgjdbc encodes a {@code long[]}
   * passed to {@code setObject} as a binary int8 array), so that the server does not parse numbers
   * out of text. The array is not copied: do not change it until the statement has run.
   */
  public static org.jdbi.v3.core.argument.Argument binaryLongs(long[] values) {
    return (position, statement, context) -> statement.setObject(position, values);
  }
}
