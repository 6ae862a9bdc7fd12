package org.fis.accountingpoint.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fis.accountingpoint.AdapterConfig;
import org.fis.accountingpoint.SyncMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protection of the adapter from us: a request rate shared by every thread of one client and a
 * circuit breaker over consecutive failed attempts, on resilience4j's {@code RateLimiter} and
 * {@code CircuitBreaker} (no framework, three small jars). The resilience4j types stay in here.
 *
 * <p>Thread-safe. Each attempt calls {@link #admit()} first and, when admitted, exactly one of
 * {@link #succeeded}, {@link #failed} or {@link #abandoned} after it.
 */
public final class AdapterGuard {
  private static final Logger LOG = LoggerFactory.getLogger(AdapterGuard.class);

  /** Refresh period of the rate limiter: permits come in small portions, not a one-second burst. */
  static final Duration REFRESH_PERIOD = Duration.ofMillis(10);

  /** Why an attempt was not admitted, or that it was. */
  public enum Admission {
    /** The attempt may call the adapter. */
    ADMITTED,
    /** No rate-limit permit within the configured wait. */
    RATE_LIMITED,
    /** The circuit is open (or half-open with its probes in flight). */
    CIRCUIT_OPEN
  }

  /** The breaker's state, in our own words. */
  public enum State {
    /** Calls flow. */
    CLOSED,
    /** Calls are refused until the open duration passes. */
    OPEN,
    /** A bounded number of probes is let through. */
    HALF_OPEN
  }

  private final RateLimiter rateLimiter;
  private final CircuitBreaker breaker;
  private final SyncMetrics metrics;

  private AdapterGuard(RateLimiter rateLimiter, CircuitBreaker breaker, SyncMetrics metrics) {
    this.rateLimiter = rateLimiter;
    this.breaker = breaker;
    this.metrics = metrics;
  }

  /**
   * Builds the guard of one client.
   *
   * @param rate the rate limit
   * @param circuit the breaker settings
   * @param metrics where rejections, transitions and permit waits go
   * @return the guard
   */
  public static AdapterGuard create(
      AdapterConfig.RateLimit rate, AdapterConfig.CircuitBreaker circuit, SyncMetrics metrics) {
    RateLimiter rateLimiter = RateLimiter.of("fis-accountingpoint-adapter", rateConfig(rate));
    // A count window of failuresMax attempts that opens at a 100 % failure rate: it opens exactly
    // after failuresMax consecutive failures (any success in the window keeps the rate below).
    CircuitBreaker breaker =
        CircuitBreaker.of(
            "fis-accountingpoint-adapter",
            CircuitBreakerConfig.custom()
                .slidingWindow(
                    circuit.failuresMax(),
                    circuit.failuresMax(),
                    CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100f)
                .waitDurationInOpenState(circuit.openDuration())
                .permittedNumberOfCallsInHalfOpenState(circuit.probes())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              CircuitBreaker.State to = event.getStateTransition().getToState();
              if (to == CircuitBreaker.State.OPEN) {
                metrics.increment(SyncMetrics.Counter.CIRCUIT_OPENED, 1);
                LOG.warn(
                    "Adapter circuit opened ({}): no requests for {}",
                    event.getStateTransition(),
                    circuit.openDuration());
              } else if (to == CircuitBreaker.State.CLOSED) {
                metrics.increment(SyncMetrics.Counter.CIRCUIT_CLOSED, 1);
                LOG.info("Adapter circuit closed again after a successful probe");
              }
            });
    return new AdapterGuard(rateLimiter, breaker, metrics);
  }

  /**
   * Permits come in portions of about {@link #REFRESH_PERIOD} (at least one permit per portion), so
   * the rate is exact and a burst is at most one portion.
   */
  static RateLimiterConfig rateConfig(AdapterConfig.RateLimit rate) {
    long perSecond = rate.requestsPerSecond();
    long portionsPerSecond = Duration.ofSeconds(1).toNanos() / REFRESH_PERIOD.toNanos();
    long permits = Math.max(1, (perSecond + portionsPerSecond - 1) / portionsPerSecond);
    return RateLimiterConfig.custom()
        .timeoutDuration(rate.permitWaitMax())
        .limitForPeriod((int) permits)
        .limitRefreshPeriod(Duration.ofNanos(permits * 1_000_000_000L / perSecond))
        .build();
  }

  /**
   * Asks to make one attempt: the circuit first (an open circuit costs no permit), then a permit,
   * waiting up to the configured permit wait.
   *
   * @return whether the attempt may go ahead, and why not
   */
  public Admission admit() {
    if (!breaker.tryAcquirePermission()) {
      metrics.increment(SyncMetrics.Counter.CIRCUIT_REJECTED, 1);
      return Admission.CIRCUIT_OPEN;
    }
    long started = System.nanoTime();
    boolean permitted = rateLimiter.acquirePermission();
    metrics.record(
        SyncMetrics.Timer.RATE_LIMIT_WAIT, Duration.ofNanos(System.nanoTime() - started));
    if (!permitted) {
      breaker.releasePermission();
      metrics.increment(SyncMetrics.Counter.RATE_LIMIT_REJECTED, 1);
      return Admission.RATE_LIMITED;
    }
    return Admission.ADMITTED;
  }

  /** The admitted attempt reached the adapter and it answered (any status but 5xx and 429). */
  public void succeeded(Duration took) {
    breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The admitted attempt failed: timeout, connection error, 5xx or 429. */
  public void failed(Duration took, String problem) {
    breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new AdapterFailure(problem));
  }

  /** The admitted attempt did not happen (interrupted before an answer): it counts neither way. */
  public void abandoned() {
    breaker.releasePermission();
  }

  /** The breaker's current state. */
  public State state() {
    CircuitBreaker.State state = breaker.getState();
    if (state == CircuitBreaker.State.CLOSED) {
      return State.CLOSED;
    }
    if (state == CircuitBreaker.State.HALF_OPEN) {
      return State.HALF_OPEN;
    }
    return State.OPEN;
  }

  /** The failure the breaker records; carries no stack trace (it is a value, not an error). */
  private static final class AdapterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AdapterFailure(String problem) {
      super(problem, null, false, false);
    }
  }
}
