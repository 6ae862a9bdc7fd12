package org.fis.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.fis.iot.IngestMetrics;
import org.fis.iot.IngestResult;
import org.fis.iot.MeasurementError;

/**
 * {@link IngestMetrics} published to a Micrometer {@link MeterRegistry}. Meters (every name carries
 * the host's extra tags):
 *
 * <table>
 *   <caption>IoT ingest meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #PUSHES}</td><td>timer</td><td>{@code status}: the HTTP status (200, 400, 401,
 *       403, 409, 413, 415, 422, 503, …)</td><td>push requests answered, and how long they
 *       took</td></tr>
 *   <tr><td>{@value #BATCHES}</td><td>timer</td><td>{@code outcome}: stored, partially_stored,
 *       rejected, conflict, forbidden</td><td>batches ingested</td></tr>
 *   <tr><td>{@value #MEASUREMENTS}</td><td>counter</td><td>{@code outcome}: stored, duplicate,
 *       rejected</td><td>measurements in those batches</td></tr>
 * </table>
 *
 * <p>The {@code outcome} meters are registered when this object is created (they read 0 before the
 * first batch); a {@code status} timer appears with its first push. Thread-safe.
 */
public final class MicrometerIngestMetrics implements IngestMetrics {
  /** Timer of push requests, tag {@code status}. */
  public static final String PUSHES = "fis.iot.pushes";

  /** Timer of ingested batches, tag {@code outcome}. */
  public static final String BATCHES = "fis.iot.batches";

  /** Counter of measurements in ingested batches, tag {@code outcome}. */
  public static final String MEASUREMENTS = "fis.iot.measurements";

  private final MeterRegistry registry;
  private final Tags tags;
  private final Timer batchesStored;
  private final Timer batchesPartial;
  private final Timer batchesRejected;
  private final Timer batchesConflict;
  private final Timer batchesForbidden;
  private final Counter measurementsStored;
  private final Counter measurementsDuplicate;
  private final Counter measurementsRejected;

  private MicrometerIngestMetrics(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    this.batchesStored = batches("stored");
    this.batchesPartial = batches("partially_stored");
    this.batchesRejected = batches("rejected");
    this.batchesConflict = batches("conflict");
    this.batchesForbidden = batches("forbidden");
    this.measurementsStored = measurements("stored");
    this.measurementsDuplicate = measurements("duplicate");
    this.measurementsRejected = measurements("rejected");
  }

  /**
   * Creates the metrics and registers the batch and measurement meters.
   *
   * @param registry the registry
   * @param tags tags added to every meter; may be empty
   * @return the metrics, to hand to {@code PushHandler} or {@code MeasurementIngest}
   */
  public static MicrometerIngestMetrics create(MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(tags, "tags");
    return new MicrometerIngestMetrics(registry, Tags.of(tags));
  }

  private Timer batches(String outcome) {
    return Timer.builder(BATCHES)
        .description("Measurement batches ingested")
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter measurements(String outcome) {
    return Counter.builder(MEASUREMENTS)
        .description("Measurements in ingested batches")
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void ingested(IngestResult result, Duration duration) {
    if (result instanceof IngestResult.Stored stored) {
      (stored.rejected().isEmpty() ? batchesStored : batchesPartial).record(duration);
      measurementsStored.increment(stored.stored());
      measurementsDuplicate.increment(stored.duplicates());
      measurementsRejected.increment(measurementsIn(stored.rejected()));
    } else if (result instanceof IngestResult.Rejected rejected) {
      (rejected.conflict() ? batchesConflict : batchesRejected).record(duration);
      measurementsRejected.increment(measurementsIn(rejected.errors()));
    } else if (result instanceof IngestResult.Forbidden) {
      batchesForbidden.record(duration);
    } else {
      throw new AssertionError(result);
    }
  }

  /** Measurements named by errors (a measurement may have several errors; -1 is the batch). */
  private static long measurementsIn(List<MeasurementError> errors) {
    return errors.stream().mapToInt(MeasurementError::index).filter(i -> i >= 0).distinct().count();
  }

  @Override
  public void pushed(int status, Duration duration) {
    // Micrometer caches the meter per name and tags, so the lookup is a map hit after the first.
    Timer.builder(PUSHES)
        .description("Push requests answered")
        .tags(tags)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(duration);
  }
}
