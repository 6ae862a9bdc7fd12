package org.fis.iot.internal;

import java.io.IOException;
import java.io.Reader;
import java.sql.SQLException;
import java.util.function.IntFunction;
import org.fis.iot.IotException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Streams raw measurement rows into {@code fis_iot.raw_measurement} with COPY. */
public final class RawCopy {
  /** The COPY statement (text format, tab-separated). */
  public static final String COPY_SQL =
      "COPY fis_iot.raw_measurement (meter_id, reading_time, layout_id, values_milli, device_id,"
          + " received_at) FROM STDIN";

  private RawCopy() {}

  /**
   * Copies {@code count} lines produced by {@code line} on the handle's connection (in its
   * transaction).
   */
  public static void copy(Handle handle, int count, IntFunction<String> line) {
    try {
      CopyManager copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn(COPY_SQL, new LineReader(count, line));
    } catch (SQLException e) {
      throw IngestEngine.failure("COPY of " + count + " raw measurements failed", e);
    } catch (IOException e) {
      throw new IotException("COPY of " + count + " raw measurements failed", e);
    }
  }

  /** A reader over generated lines, without building the whole text. */
  private static final class LineReader extends Reader {
    private final int count;
    private final IntFunction<String> line;
    private int next;
    private String current = "";
    private int position;

    LineReader(int count, IntFunction<String> line) {
      this.count = count;
      this.line = line;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      int written = 0;
      while (written < length) {
        if (position == current.length()) {
          if (next == count) {
            break;
          }
          current = line.apply(next++);
          position = 0;
        }
        int n = Math.min(length - written, current.length() - position);
        current.getChars(position, position + n, buffer, offset + written);
        position += n;
        written += n;
      }
      return written == 0 && length > 0 ? -1 : written;
    }

    @Override
    public void close() {}
  }
}
