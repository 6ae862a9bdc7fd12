package org.fis.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.fis.jobs.JobMetrics;
import org.fis.jobs.JobProcessor;

/**
 * Publishes a {@link JobProcessor}'s counters ({@link JobProcessor#metrics()}) to a Micrometer
 * {@link MeterRegistry}: the meters read the processor when the registry is scraped, so the
 * processor needs no metrics port. Every meter has the tag {@code worker} (the processor's worker
 * id) plus the host's extra tags:
 *
 * <table>
 *   <caption>Job processor meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #CLAIMED}</td><td>function counter</td><td></td><td>jobs claimed (including
 *       takeovers of expired leases)</td></tr>
 *   <tr><td>{@value #ATTEMPTS}</td><td>function counter</td><td>{@code outcome}: succeeded,
 *       retried, dead</td><td>finished attempts</td></tr>
 *   <tr><td>{@value #LEASES_LOST}</td><td>function counter</td><td></td><td>results rejected
 *       because the lease had been lost</td></tr>
 *   <tr><td>{@value #RELEASED}</td><td>function counter</td><td></td><td>leases given back
 *       unfinished</td></tr>
 *   <tr><td>{@value #TIMED_OUT}</td><td>function counter</td><td></td><td>attempts given up
 *       because the handler ran past the job timeout</td></tr>
 *   <tr><td>{@value #ARCHIVED}</td><td>function counter</td><td></td><td>finished jobs moved to
 *       the archive</td></tr>
 *   <tr><td>{@value #IN_FLIGHT}</td><td>gauge</td><td></td><td>jobs claimed and not yet
 *       finished</td></tr>
 *   <tr><td>{@value #LAG}</td><td>time gauge</td><td></td><td>how long the jobs of the latest
 *       claim had been ready</td></tr>
 * </table>
 *
 * <p>Bind it with {@link #bindTo} (Spring Boot binds every {@link MeterBinder} bean to its
 * registry). The meters hold the processor weakly, as Micrometer's function meters do: the host
 * keeps the processor. Thread-safe.
 */
public final class JobProcessorMetrics implements MeterBinder {
  /** Function counter of jobs claimed. */
  public static final String CLAIMED = "fis.jobs.claimed";

  /** Function counter of finished attempts, tag {@code outcome}. */
  public static final String ATTEMPTS = "fis.jobs.attempts";

  /** Function counter of results rejected after a lost lease. */
  public static final String LEASES_LOST = "fis.jobs.leases.lost";

  /** Function counter of leases given back unfinished. */
  public static final String RELEASED = "fis.jobs.released";

  /** Function counter of attempts given up after the job timeout. */
  public static final String TIMED_OUT = "fis.jobs.timed.out";

  /** Function counter of finished jobs archived by this processor. */
  public static final String ARCHIVED = "fis.jobs.archived";

  /** Gauge of jobs in flight. */
  public static final String IN_FLIGHT = "fis.jobs.in.flight";

  /** Time gauge of the latest claim's lag. */
  public static final String LAG = "fis.jobs.lag";

  private final JobProcessor processor;
  private final Tags tags;

  private JobProcessorMetrics(JobProcessor processor, Tags tags) {
    this.processor = processor;
    this.tags = tags;
  }

  /**
   * Creates the binder; nothing is registered until {@link #bindTo}.
   *
   * @param processor the processor to read
   * @param tags tags added to every meter besides {@code worker}; may be empty
   * @return the binder
   */
  public static JobProcessorMetrics of(JobProcessor processor, Iterable<Tag> tags) {
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(tags, "tags");
    return new JobProcessorMetrics(processor, Tags.of(tags).and("worker", processor.workerId()));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    counter(registry, CLAIMED, null, "Jobs claimed", JobMetrics::claimed);
    counter(registry, ATTEMPTS, "succeeded", "Attempts finished", JobMetrics::succeeded);
    counter(registry, ATTEMPTS, "retried", "Attempts finished", JobMetrics::retried);
    counter(registry, ATTEMPTS, "dead", "Attempts finished", JobMetrics::dead);
    counter(
        registry, LEASES_LOST, null, "Results rejected after a lost lease", JobMetrics::leaseLost);
    counter(registry, RELEASED, null, "Leases given back unfinished", JobMetrics::released);
    counter(
        registry, TIMED_OUT, null, "Attempts given up after the job timeout", JobMetrics::timedOut);
    counter(registry, ARCHIVED, null, "Finished jobs archived", JobMetrics::archived);
    Gauge.builder(IN_FLIGHT, processor, p -> p.metrics().inFlight())
        .description("Jobs claimed and not yet finished")
        .tags(tags)
        .register(registry);
    TimeGauge.builder(LAG, processor, TimeUnit.MILLISECONDS, p -> (double) p.metrics().lagMillis())
        .description("How long the jobs of the latest claim had been ready")
        .tags(tags)
        .register(registry);
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String outcome,
      String description,
      ToDoubleFunction<JobMetrics> value) {
    FunctionCounter.Builder<JobProcessor> builder =
        FunctionCounter.builder(name, processor, p -> value.applyAsDouble(p.metrics()))
            .description(description)
            .tags(tags);
    if (outcome != null) {
      builder.tag("outcome", outcome);
    }
    builder.register(registry);
  }
}
