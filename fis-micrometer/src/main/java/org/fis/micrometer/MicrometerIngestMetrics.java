package org.fis.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fis.iot.FoldResult;
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
 *   <tr><td>{@value #FOLDS}</td><td>timer</td><td></td><td>folds of quarter hours into days and
 *       months, and how long they took</td></tr>
 *   <tr><td>{@value #FOLDED}</td><td>counter</td><td></td><td>quarter hours folded</td></tr>
 *   <tr><td>{@value #FOLD_LAG}</td><td>time gauge</td><td></td><td>after the latest fold, how long
 *       the oldest quarter hour not yet folded has waited (0 when none waits)</td></tr>
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

  /** Timer of folds of quarter hours into days and months. */
  public static final String FOLDS = "fis.iot.folds";

  /** Counter of quarter hours folded. */
  public static final String FOLDED = "fis.iot.folded.quarter.hours";

  /** Time gauge of the fold lag after the latest fold. */
  public static final String FOLD_LAG = "fis.iot.fold.lag";

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
  private final Timer folds;
  private final Counter folded;
  private final AtomicLong foldLagNanos = new AtomicLong();

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
    this.folds =
        Timer.builder(FOLDS)
            .description("Folds of quarter hours into days and months")
            .tags(tags)
            .register(registry);
    this.folded =
        Counter.builder(FOLDED)
            .description("Quarter hours folded into days and months")
            .tags(tags)
            .register(registry);
    TimeGauge.builder(FOLD_LAG, foldLagNanos, TimeUnit.NANOSECONDS, AtomicLong::doubleValue)
        .description("How long the oldest quarter hour not yet folded has waited")
        .tags(tags)
        .register(registry);
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

  @Override
  public void folded(FoldResult result, Duration duration) {
    folds.record(duration);
    folded.increment(result.quarterHours());
    foldLagNanos.set(result.lag().toNanos());
  }
}
