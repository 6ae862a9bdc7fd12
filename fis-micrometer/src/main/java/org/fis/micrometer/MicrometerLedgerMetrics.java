package org.fis.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.fis.ledger.LedgerMetrics;
import org.fis.ledger.PostingResult;

/**
 * {@link LedgerMetrics} published to a Micrometer {@link MeterRegistry}. Meters (every name carries
 * the host's extra tags):
 *
 * <table>
 *   <caption>Ledger meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #COMMANDS}</td><td>counter</td><td>{@code outcome}: posted, duplicate,
 *       idempotency_conflict, insufficient_funds, period_closed, operation_not_found,
 *       already_reversed, hold_not_pending, rejected</td><td>commands by result</td></tr>
 *   <tr><td>{@value #SUBMITS}</td><td>timer</td><td>{@code outcome}: ok, failed (database
 *       error)</td><td>submit calls (one per {@code post}, {@code submit}, …)</td></tr>
 * </table>
 *
 * <p>The {@code outcome} tag of {@value #COMMANDS} is the {@link PostingResult} record's name in
 * snake case, so a result type added later gets its own value without a change here. The ledger
 * counts in the caller's transaction: a host that rolls back still sees the count. Thread-safe.
 */
public final class MicrometerLedgerMetrics implements LedgerMetrics {
  /** Counter of commands by result, tag {@code outcome}. */
  public static final String COMMANDS = "fis.ledger.commands";

  /** Timer of submit calls, tag {@code outcome} (ok or failed). */
  public static final String SUBMITS = "fis.ledger.submits";

  private final MeterRegistry registry;
  private final Tags tags;
  private final Timer submitsOk;
  private final Timer submitsFailed;
  private final Map<Class<?>, Counter> byResult = new ConcurrentHashMap<>();

  private MicrometerLedgerMetrics(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    this.submitsOk = submits("ok");
    this.submitsFailed = submits("failed");
    for (Class<?> type : PostingResult.class.getPermittedSubclasses()) {
      byResult.put(type, commands(type));
    }
  }

  /**
   * Creates the metrics and registers every meter.
   *
   * @param registry the registry
   * @param tags tags added to every meter; may be empty
   * @return the metrics, to hand to {@code Ledger.create}
   */
  public static MicrometerLedgerMetrics create(MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(tags, "tags");
    return new MicrometerLedgerMetrics(registry, Tags.of(tags));
  }

  /**
   * The {@code outcome} tag value of a result type: its simple name in snake case.
   *
   * @param type a {@link PostingResult} record type
   * @return e.g. {@code idempotency_conflict} for {@code IdempotencyConflict}
   */
  static String outcome(Class<?> type) {
    return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private Timer submits(String outcome) {
    return Timer.builder(SUBMITS)
        .description("Ledger submit calls")
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter commands(Class<?> type) {
    return Counter.builder(COMMANDS)
        .description("Ledger commands by result")
        .tags(tags)
        .tag("outcome", outcome(type))
        .register(registry);
  }

  @Override
  public void submitted(List<PostingResult> results, Duration duration) {
    submitsOk.record(duration);
    for (PostingResult result : results) {
      byResult.computeIfAbsent(result.getClass(), this::commands).increment();
    }
  }

  @Override
  public void failed(int commands, Duration duration) {
    submitsFailed.record(duration);
  }
}
