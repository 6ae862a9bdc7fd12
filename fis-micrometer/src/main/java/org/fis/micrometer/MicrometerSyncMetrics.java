package org.fis.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.fis.accountingpoint.SyncMetrics;

/**
 * {@link SyncMetrics} published to a Micrometer {@link MeterRegistry}. Meters (every name carries
 * the host's extra tags):
 *
 * <table>
 *   <caption>Accounting point sync meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #SYNCS}</td><td>counter</td><td>{@code outcome}: synced, unchanged, failed,
 *       skipped</td><td>sync outcomes</td></tr>
 *   <tr><td>{@value #SYNC_DURATION}</td><td>timer</td><td></td><td>one whole sync (fetch and
 *       merge)</td></tr>
 *   <tr><td>{@value #ADAPTER_REQUESTS}</td><td>timer</td><td></td><td>one HTTP attempt to the
 *       adapter</td></tr>
 *   <tr><td>{@value #ADAPTER_RETRIES}</td><td>counter</td><td></td><td>HTTP retries</td></tr>
 *   <tr><td>{@value #EVENTS}</td><td>counter</td><td>{@code outcome}: accepted, duplicate</td>
 *       <td>events into the inbox</td></tr>
 *   <tr><td>{@value #LOOKUPS}</td><td>counter</td><td></td><td>lookups answered</td></tr>
 *   <tr><td>{@value #RATE_LIMITED}</td><td>counter</td><td></td><td>fetches refused by the
 *       local rate limit</td></tr>
 *   <tr><td>{@value #RATE_LIMIT_WAIT}</td><td>timer</td><td></td><td>wait for a rate-limit
 *       permit</td></tr>
 *   <tr><td>{@value #CIRCUIT_TRANSITIONS}</td><td>counter</td><td>{@code to}: open, closed</td>
 *       <td>circuit breaker transitions</td></tr>
 *   <tr><td>{@value #CIRCUIT_REJECTED}</td><td>counter</td><td></td><td>attempts refused while
 *       the circuit was open</td></tr>
 *   <tr><td>{@value #PURGED}</td><td>counter</td><td></td><td>accounting points purged</td></tr>
 * </table>
 *
 * <p>All meters are registered when this object is created, so they read 0 before the first sync.
 * Thread-safe.
 */
public final class MicrometerSyncMetrics implements SyncMetrics {
  /** Counter of sync outcomes, tag {@code outcome}. */
  public static final String SYNCS = "fis.accountingpoint.syncs";

  /** Timer of one whole sync. */
  public static final String SYNC_DURATION = "fis.accountingpoint.sync.duration";

  /** Timer of one HTTP attempt to the adapter. */
  public static final String ADAPTER_REQUESTS = "fis.accountingpoint.adapter.requests";

  /** Counter of HTTP retries to the adapter. */
  public static final String ADAPTER_RETRIES = "fis.accountingpoint.adapter.retries";

  /** Counter of events offered to the inbox, tag {@code outcome}. */
  public static final String EVENTS = "fis.accountingpoint.events";

  /** Counter of lookups answered. */
  public static final String LOOKUPS = "fis.accountingpoint.lookups";

  /** Counter of fetches refused by the local rate limit. */
  public static final String RATE_LIMITED = "fis.accountingpoint.adapter.rate.limited";

  /** Timer of the wait for a rate-limit permit. */
  public static final String RATE_LIMIT_WAIT = "fis.accountingpoint.adapter.rate.limit.wait";

  /** Counter of circuit breaker transitions, tag {@code to}: open, closed. */
  public static final String CIRCUIT_TRANSITIONS =
      "fis.accountingpoint.adapter.circuit.transitions";

  /** Counter of attempts refused while the circuit was open. */
  public static final String CIRCUIT_REJECTED = "fis.accountingpoint.adapter.circuit.rejected";

  /** Counter of accounting points purged after their retention. */
  public static final String PURGED = "fis.accountingpoint.purged";

  private final Map<SyncMetrics.Counter, io.micrometer.core.instrument.Counter> counters =
      new EnumMap<>(SyncMetrics.Counter.class);
  private final Map<SyncMetrics.Timer, io.micrometer.core.instrument.Timer> timers =
      new EnumMap<>(SyncMetrics.Timer.class);

  private MicrometerSyncMetrics(MeterRegistry registry, Tags tags) {
    for (SyncMetrics.Counter counter : SyncMetrics.Counter.values()) {
      counters.put(counter, counter(registry, tags, counter));
    }
    timers.put(
        SyncMetrics.Timer.SYNC,
        io.micrometer.core.instrument.Timer.builder(SYNC_DURATION)
            .description("One whole sync of one accounting point")
            .tags(tags)
            .register(registry));
    timers.put(
        SyncMetrics.Timer.RATE_LIMIT_WAIT,
        io.micrometer.core.instrument.Timer.builder(RATE_LIMIT_WAIT)
            .description("Wait of one HTTP attempt for its rate-limit permit")
            .tags(tags)
            .register(registry));
    timers.put(
        SyncMetrics.Timer.ADAPTER_REQUEST,
        io.micrometer.core.instrument.Timer.builder(ADAPTER_REQUESTS)
            .description("One HTTP attempt to the datahub adapter")
            .tags(tags)
            .register(registry));
  }

  /**
   * Creates the metrics and registers every meter.
   *
   * @param registry the registry
   * @param tags tags added to every meter (e.g. {@code Tags.of("datahub", "elhub")}); may be empty
   * @return the metrics, to hand to the sync engine
   */
  public static MicrometerSyncMetrics create(MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(tags, "tags");
    return new MicrometerSyncMetrics(registry, Tags.of(tags));
  }

  private static io.micrometer.core.instrument.Counter counter(
      MeterRegistry registry, Tags tags, SyncMetrics.Counter counter) {
    return switch (counter) {
      case SYNCED -> outcome(registry, SYNCS, tags, "synced", "Syncs that changed local data");
      case UNCHANGED ->
          outcome(registry, SYNCS, tags, "unchanged", "Syncs that found local data identical");
      case FAILED -> outcome(registry, SYNCS, tags, "failed", "Syncs that failed");
      case SKIPPED ->
          outcome(registry, SYNCS, tags, "skipped", "Syncs not run (in progress or untracked)");
      case ADAPTER_RETRIES -> plain(registry, ADAPTER_RETRIES, tags, "HTTP retries to the adapter");
      case EVENTS_ACCEPTED ->
          outcome(registry, EVENTS, tags, "accepted", "Events newly accepted into the inbox");
      case EVENTS_DUPLICATE ->
          outcome(registry, EVENTS, tags, "duplicate", "Events already in the inbox");
      case LOOKUPS -> plain(registry, LOOKUPS, tags, "Lookups answered");
      case PURGED -> plain(registry, PURGED, tags, "Accounting points purged after retention");
      case RATE_LIMIT_REJECTED ->
          plain(registry, RATE_LIMITED, tags, "Fetches refused by the local rate limit");
      case CIRCUIT_OPENED -> transition(registry, tags, "open");
      case CIRCUIT_CLOSED -> transition(registry, tags, "closed");
      case CIRCUIT_REJECTED ->
          plain(registry, CIRCUIT_REJECTED, tags, "Attempts refused while the circuit was open");
    };
  }

  private static io.micrometer.core.instrument.Counter outcome(
      MeterRegistry registry, String name, Tags tags, String outcome, String description) {
    return io.micrometer.core.instrument.Counter.builder(name)
        .description(description)
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  private static io.micrometer.core.instrument.Counter transition(
      MeterRegistry registry, Tags tags, String to) {
    return io.micrometer.core.instrument.Counter.builder(CIRCUIT_TRANSITIONS)
        .description("Circuit breaker transitions")
        .tags(tags)
        .tag("to", to)
        .register(registry);
  }

  private static io.micrometer.core.instrument.Counter plain(
      MeterRegistry registry, String name, Tags tags, String description) {
    return io.micrometer.core.instrument.Counter.builder(name)
        .description(description)
        .tags(tags)
        .register(registry);
  }

  @Override
  public void increment(SyncMetrics.Counter counter, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount: must not be negative, got " + amount);
    }
    counters.get(counter).increment(amount);
  }

  @Override
  public void record(SyncMetrics.Timer timer, Duration duration) {
    timers.get(timer).record(duration);
  }
}
