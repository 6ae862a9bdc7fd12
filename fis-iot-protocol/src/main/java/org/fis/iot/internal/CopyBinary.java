package org.fis.iot.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes rows in PostgreSQL's binary {@code COPY} format (header, tuples, trailer), for the column
 * types the raw rows use: text, int4, timestamptz and int8[] with NULL elements. Binary input
 * spares the server from parsing numbers and timestamps out of text. Not thread-safe.
 */
public final class CopyBinary {
  /** PostgreSQL's epoch (2000-01-01T00:00:00Z) in Unix epoch microseconds. */
  static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private static final int INT8_OID = 20;
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  private byte[] buffer;
  private int length;
  private boolean finished;

  /**
   * Starts a stream (writes the header).
   *
   * @param capacity initial buffer size in bytes
   */
  public CopyBinary(int capacity) {
    buffer = new byte[Math.max(64, capacity)];
    for (byte b : SIGNATURE) {
      buffer[length++] = b;
    }
    int32(0); // flags: no OIDs
    int32(0); // header extension length
  }

  /** Starts a row of {@code fields} columns. */
  public CopyBinary row(int fields) {
    int16(fields);
    return this;
  }

  /** A non-null text column (UTF-8). */
  public CopyBinary text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int32(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
    return this;
  }

  /** A non-null int4 column. */
  public CopyBinary int4(int value) {
    int32(4);
    int32(value);
    return this;
  }

  /** A non-null timestamptz column from Unix epoch microseconds. */
  public CopyBinary timestamptz(long epochMicros) {
    int32(8);
    int64(Math.subtractExact(epochMicros, POSTGRES_EPOCH_MICROS));
    return this;
  }

  /**
   * A non-null one-dimensional int8[] column; elements equal to {@code absent} are written as NULL.
   */
  public CopyBinary int8Array(long[] values, long absent) {
    boolean nulls = false;
    int present = 0;
    for (long v : values) {
      if (v == absent) {
        nulls = true;
      } else {
        present++;
      }
    }
    int size = 20 + values.length * 4 + present * 8;
    int32(size);
    int32(1); // dimensions
    int32(nulls ? 1 : 0);
    int32(INT8_OID);
    int32(values.length);
    int32(1); // lower bound
    for (long v : values) {
      if (v == absent) {
        int32(-1);
      } else {
        int32(8);
        int64(v);
      }
    }
    return this;
  }

  /** Ends the stream (writes the trailer) and returns its bytes; call once. */
  public byte[] finish() {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    int16(-1);
    return Arrays.copyOf(buffer, length);
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private void int16(int value) {
    ensure(2);
    buffer[length++] = (byte) (value >>> 8);
    buffer[length++] = (byte) value;
  }

  private void int32(int value) {
    ensure(4);
    buffer[length++] = (byte) (value >>> 24);
    buffer[length++] = (byte) (value >>> 16);
    buffer[length++] = (byte) (value >>> 8);
    buffer[length++] = (byte) value;
  }

  private void int64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[length++] = (byte) (value >>> shift);
    }
  }
}
