package org.fis.iot;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Configuration of ingest and poll. Start from {@link #defaults()} and change values with the
 * {@code withXxx} methods; every value is validated here.
 *
 * @param zone the zone of daily and monthly aggregates
 * @param readAtSkewMax how far in the future (by the injected clock) a reading time may be
 * @param batchSizeMax most measurements in one push
 * @param bodyBytesMax largest accepted request body
 * @param jsonDepthMax deepest accepted JSON nesting
 * @param valuesPerMeasurementMax most register values in one measurement
 * @param batchPolicy atomic (default) or partial acceptance
 * @param keyIterations PBKDF2 iterations for new device keys
 * @param verifierCacheSizeMax most device keys whose cheap verifier is kept in memory
 * @param queryPageSizeMax largest page an aggregate or reading query may ask for
 * @param retryMax how often a push transaction is retried after a deadlock, serialization failure
 *     or concurrent insert of the same reading
 */
public record IotConfig(
    ZoneId zone,
    Duration readAtSkewMax,
    int batchSizeMax,
    int bodyBytesMax,
    int jsonDepthMax,
    int valuesPerMeasurementMax,
    BatchPolicy batchPolicy,
    int keyIterations,
    int verifierCacheSizeMax,
    int queryPageSizeMax,
    int retryMax) {
  /** Default zone of days and months. */
  public static final ZoneId ZONE_DEFAULT = ZoneId.of("Europe/Zagreb");

  /** Default clock skew allowance. */
  public static final Duration READ_AT_SKEW_MAX_DEFAULT = Duration.ofMinutes(5);

  /** Default batch bound: a gateway's minute of 10 000 readings, as pidgeon sends. */
  public static final int BATCH_SIZE_MAX_DEFAULT = 10_000;

  /** Default body bound: 16 MiB. */
  public static final int BODY_BYTES_MAX_DEFAULT = 16 * 1024 * 1024;

  /** Default nesting bound. The protocol itself needs depth 4. */
  public static final int JSON_DEPTH_MAX_DEFAULT = 8;

  /** Default bound on values per measurement (= {@link MeterModel#REGISTERS_MAX}). */
  public static final int VALUES_PER_MEASUREMENT_MAX_DEFAULT = MeterModel.REGISTERS_MAX;

  /** Default PBKDF2 iterations (device secrets are random, not human passwords). */
  public static final int KEY_ITERATIONS_DEFAULT = 100_000;

  /** Default verifier cache bound. */
  public static final int VERIFIER_CACHE_SIZE_MAX_DEFAULT = 100_000;

  /** Default query page bound. */
  public static final int QUERY_PAGE_SIZE_MAX_DEFAULT = 10_000;

  /** Default retry bound. */
  public static final int RETRY_MAX_DEFAULT = 8;

  /** Validates the configuration. */
  public IotConfig {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(readAtSkewMax, "readAtSkewMax");
    Objects.requireNonNull(batchPolicy, "batchPolicy");
    if (readAtSkewMax.isNegative()) {
      throw new IllegalArgumentException("readAtSkewMax: must not be negative");
    }
    positive(batchSizeMax, "batchSizeMax");
    positive(bodyBytesMax, "bodyBytesMax");
    if (jsonDepthMax < 4) {
      throw new IllegalArgumentException("jsonDepthMax: must be >= 4, got " + jsonDepthMax);
    }
    positive(valuesPerMeasurementMax, "valuesPerMeasurementMax");
    if (keyIterations < 1_000) {
      throw new IllegalArgumentException("keyIterations: must be >= 1000, got " + keyIterations);
    }
    positive(verifierCacheSizeMax, "verifierCacheSizeMax");
    positive(queryPageSizeMax, "queryPageSizeMax");
    positive(retryMax, "retryMax");
  }

  /** The defaults named by the {@code *_DEFAULT} constants, with the atomic batch policy. */
  public static IotConfig defaults() {
    return new IotConfig(
        ZONE_DEFAULT,
        READ_AT_SKEW_MAX_DEFAULT,
        BATCH_SIZE_MAX_DEFAULT,
        BODY_BYTES_MAX_DEFAULT,
        JSON_DEPTH_MAX_DEFAULT,
        VALUES_PER_MEASUREMENT_MAX_DEFAULT,
        BatchPolicy.ATOMIC,
        KEY_ITERATIONS_DEFAULT,
        VERIFIER_CACHE_SIZE_MAX_DEFAULT,
        QUERY_PAGE_SIZE_MAX_DEFAULT,
        RETRY_MAX_DEFAULT);
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }

  /** A copy with another zone. */
  public IotConfig withZone(ZoneId value) {
    return new IotConfig(
        value,
        readAtSkewMax,
        batchSizeMax,
        bodyBytesMax,
        jsonDepthMax,
        valuesPerMeasurementMax,
        batchPolicy,
        keyIterations,
        verifierCacheSizeMax,
        queryPageSizeMax,
        retryMax);
  }

  /** A copy with another skew allowance. */
  public IotConfig withReadAtSkewMax(Duration value) {
    return new IotConfig(
        zone,
        value,
        batchSizeMax,
        bodyBytesMax,
        jsonDepthMax,
        valuesPerMeasurementMax,
        batchPolicy,
        keyIterations,
        verifierCacheSizeMax,
        queryPageSizeMax,
        retryMax);
  }

  /** A copy with another batch bound. */
  public IotConfig withBatchSizeMax(int value) {
    return new IotConfig(
        zone,
        readAtSkewMax,
        value,
        bodyBytesMax,
        jsonDepthMax,
        valuesPerMeasurementMax,
        batchPolicy,
        keyIterations,
        verifierCacheSizeMax,
        queryPageSizeMax,
        retryMax);
  }

  /** A copy with another body bound. */
  public IotConfig withBodyBytesMax(int value) {
    return new IotConfig(
        zone,
        readAtSkewMax,
        batchSizeMax,
        value,
        jsonDepthMax,
        valuesPerMeasurementMax,
        batchPolicy,
        keyIterations,
        verifierCacheSizeMax,
        queryPageSizeMax,
        retryMax);
  }

  /** A copy with another nesting bound. */
  public IotConfig withJsonDepthMax(int value) {
    return new IotConfig(
        zone,
        readAtSkewMax,
        batchSizeMax,
        bodyBytesMax,
        value,
        valuesPerMeasurementMax,
        batchPolicy,
        keyIterations,
        verifierCacheSizeMax,
        queryPageSizeMax,
        retryMax);
  }

  /** A copy with another batch policy. */
  public IotConfig withBatchPolicy(BatchPolicy value) {
    return new IotConfig(
        zone,
        readAtSkewMax,
        batchSizeMax,
        bodyBytesMax,
        jsonDepthMax,
        valuesPerMeasurementMax,
        value,
        keyIterations,
        verifierCacheSizeMax,
        queryPageSizeMax,
        retryMax);
  }

  /** A copy with another PBKDF2 iteration count. */
  public IotConfig withKeyIterations(int value) {
    return new IotConfig(
        zone,
        readAtSkewMax,
        batchSizeMax,
        bodyBytesMax,
        jsonDepthMax,
        valuesPerMeasurementMax,
        batchPolicy,
        value,
        verifierCacheSizeMax,
        queryPageSizeMax,
        retryMax);
  }

  /** A copy with another query page bound. */
  public IotConfig withQueryPageSizeMax(int value) {
    return new IotConfig(
        zone,
        readAtSkewMax,
        batchSizeMax,
        bodyBytesMax,
        jsonDepthMax,
        valuesPerMeasurementMax,
        batchPolicy,
        keyIterations,
        verifierCacheSizeMax,
        value,
        retryMax);
  }

  /** A copy with another retry bound. */
  public IotConfig withRetryMax(int value) {
    return new IotConfig(
        zone,
        readAtSkewMax,
        batchSizeMax,
        bodyBytesMax,
        jsonDepthMax,
        valuesPerMeasurementMax,
        batchPolicy,
        keyIterations,
        verifierCacheSizeMax,
        queryPageSizeMax,
        value);
  }
}
