package org.fis.iot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.fis.iot.internal.IngestEngine;
import org.fis.iot.internal.SentMeasurement;
import org.jdbi.v3.core.Handle;

/**
 * Stores a device's batch of measurements: validates each measurement against its meter's model,
 * limits and stored readings, inserts the new raw rows and merges them into the quarter-hour, day
 * and month aggregates, all in the caller's transaction.
 *
 * <p>Re-sending stored measurements changes nothing (they count as duplicates); other values for a
 * stored meter and time are a conflict. Concurrent transactions that insert the same meter and time
 * make the later one fail with a {@linkplain IotException#retryable() retryable} {@link
 * IotException}: retry the whole transaction (the {@link PushHandler} does).
 *
 * <p>Thread-safe; never commits or rolls back. After a {@link IngestResult.Rejected} or {@link
 * IngestResult.Forbidden} result, the caller should roll back (register layouts may have been
 * inserted).
 */
public final class MeasurementIngest {
  private final IotConfig config;
  private final IngestEngine engine;
  private final IngestMetrics metrics;

  /**
   * Creates the ingest.
   *
   * @param clock the time source (skew check, received time, last seen)
   * @param config zone, bounds, default batch policy
   * @param models the accepted meter models
   */
  public MeasurementIngest(Clock clock, IotConfig config, MeterModels models) {
    this(clock, config, models, IngestMetrics.NONE);
  }

  /**
   * Creates the ingest with a metrics sink.
   *
   * @param clock the time source (skew check, received time, last seen)
   * @param config zone, bounds, default batch policy
   * @param models the accepted meter models
   * @param metrics told about every batch ({@link IngestMetrics#NONE} for none)
   */
  public MeasurementIngest(
      Clock clock, IotConfig config, MeterModels models, IngestMetrics metrics) {
    Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(models, "models");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.engine = new IngestEngine(clock, config, models);
  }

  /**
   * Ingests a batch with the configured batch policy.
   *
   * @param handle the caller's handle
   * @param deviceId the (authenticated) device that sent the batch
   * @param measurements the batch, 1..{@link IotConfig#batchSizeMax()}
   * @return the outcome
   */
  public IngestResult ingest(Handle handle, String deviceId, List<Measurement> measurements) {
    return ingest(handle, deviceId, measurements, config.batchPolicy());
  }

  /**
   * Ingests a batch.
   *
   * @param handle the caller's handle
   * @param deviceId the (authenticated) device that sent the batch
   * @param measurements the batch, 1..{@link IotConfig#batchSizeMax()}
   * @param policy atomic or partial
   * @return the outcome
   */
  public IngestResult ingest(
      Handle handle, String deviceId, List<Measurement> measurements, BatchPolicy policy) {
    Objects.requireNonNull(handle, "handle");
    DeviceRegistry.requireId(deviceId, "deviceId");
    Objects.requireNonNull(measurements, "measurements");
    Objects.requireNonNull(policy, "policy");
    if (measurements.isEmpty() || measurements.size() > config.batchSizeMax()) {
      throw new IllegalArgumentException(
          "measurements: must hold 1.." + config.batchSizeMax() + ", got " + measurements.size());
    }
    List<SentMeasurement> sent = new java.util.ArrayList<>(measurements.size());
    for (Measurement m : measurements) {
      Objects.requireNonNull(m, "measurements: null element");
      sent.add(SentMeasurement.of(m));
    }
    long started = System.nanoTime();
    IngestResult result = engine.ingest(handle, deviceId, sent, List.of(), policy);
    metrics.ingested(result, Duration.ofNanos(System.nanoTime() - started));
    return result;
  }

  IngestEngine engine() {
    return engine;
  }
}
