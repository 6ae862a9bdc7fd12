package org.fis.iot.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bounds failed device authentications per source address and per device, with token buckets: each
 * source and each device may fail {@value #BURST} times at once, then once per {@value
 * #REFILL_MILLIS} ms. A request whose source, or (unless the source has authenticated this device
 * before) whose device, has no token left is refused before its secret is checked: no guess is
 * verified while refused. Only failures take tokens, so any number of devices behind one address
 * push freely, and a device keeps getting in from the addresses it used before while others guess
 * its secret. Memory is bounded: at most {@code keysMax} buckets and known (device, source) pairs;
 * refilled buckets are dropped first.
 *
 * <p>A request without a source (an {@link org.fis.iot.IotRequest} whose host did not say where it
 * came from, as in-process callers) is not throttled: a host that serves the handlers to the
 * network must pass the client address.
 *
 * <p>Thread-safe.
 */
public final class FailedAuthThrottle {
  /** Failed attempts a source or a device may make at once. */
  public static final int BURST = 20;

  /** One more failed attempt is allowed per this many milliseconds. */
  public static final long REFILL_MILLIS = 1_000;

  private static final long REFILL_NANOS = REFILL_MILLIS * 1_000_000L;

  private static final long CAPACITY_NANOS = BURST * REFILL_NANOS;

  /** A refusal: how long until the next attempt would be admitted. */
  public record Refused(long retryAfterSeconds) {}

  /** A token bucket kept as credit in nanoseconds (exact): one failure costs REFILL_NANOS. */
  private static final class Bucket {
    private long credit = CAPACITY_NANOS;
    private long at;

    Bucket(long now) {
      this.at = now;
    }

    synchronized long credit(long now) {
      credit = Math.min(CAPACITY_NANOS, credit + Math.max(0, now - at));
      at = now;
      return credit;
    }

    synchronized void take(long now) {
      credit(now);
      // May go below zero when concurrent failures were admitted together: they are paid back.
      credit -= REFILL_NANOS;
    }
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Boolean> known = new ConcurrentHashMap<>();
  private final int keysMax;
  private final LongSupplier nanoTime;

  /** A throttle keeping at most {@code keysMax} buckets and known pairs, on the system clock. */
  public FailedAuthThrottle(int keysMax) {
    this(keysMax, System::nanoTime);
  }

  FailedAuthThrottle(int keysMax, LongSupplier nanoTime) {
    if (keysMax < 1) {
      throw new IllegalArgumentException("keysMax: must be positive, got " + keysMax);
    }
    this.keysMax = keysMax;
    this.nanoTime = nanoTime;
  }

  /**
   * Whether an authentication attempt may go ahead.
   *
   * @param deviceId the presented device id
   * @param source the client's address ({@code ""} when unknown: never refused)
   * @return empty to go ahead, or the refusal
   */
  public Optional<Refused> admit(String deviceId, String source) {
    if (source.isEmpty()) {
      return Optional.empty();
    }
    long now = nanoTime.getAsLong();
    long credit = credit(sourceKey(source), now);
    if (!known.containsKey(pairKey(deviceId, source))) {
      credit = Math.min(credit, credit(deviceKey(deviceId), now));
    }
    if (credit >= REFILL_NANOS) {
      return Optional.empty();
    }
    long missingNanos = REFILL_NANOS - credit;
    return Optional.of(new Refused(Math.max(1, (missingNanos + 999_999_999L) / 1_000_000_000L)));
  }

  /** An admitted attempt failed (unknown device, wrong secret, no valid key): it takes tokens. */
  public void failed(String deviceId, String source) {
    if (source.isEmpty()) {
      return;
    }
    long now = nanoTime.getAsLong();
    bucket(sourceKey(source), now).take(now);
    bucket(deviceKey(deviceId), now).take(now);
  }

  /** An admitted attempt succeeded: the source is known for the device from now on. */
  public void succeeded(String deviceId, String source) {
    if (source.isEmpty()) {
      return;
    }
    String pair = pairKey(deviceId, source);
    if (!known.containsKey(pair)) {
      if (known.size() >= keysMax) {
        known.clear();
      }
      known.put(pair, Boolean.TRUE);
    }
  }

  /** Buckets held now (for tests of the memory bound). */
  int bucketCount() {
    return buckets.size();
  }

  private long credit(String key, long now) {
    Bucket bucket = buckets.get(key);
    return bucket == null ? CAPACITY_NANOS : bucket.credit(now);
  }

  private Bucket bucket(String key, long now) {
    Bucket bucket = buckets.get(key);
    if (bucket != null) {
      return bucket;
    }
    if (buckets.size() >= keysMax) {
      evict(now);
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(now));
  }

  /** Drops refilled buckets (they hold nothing a fresh one would not); if none, all of them. */
  private void evict(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (it.next().credit(now) >= CAPACITY_NANOS) {
        it.remove();
      }
    }
    if (buckets.size() >= keysMax) {
      buckets.clear();
    }
  }

  private static String sourceKey(String source) {
    return "s\u0000" + source;
  }

  private static String deviceKey(String deviceId) {
    return "d\u0000" + deviceId;
  }

  private static String pairKey(String deviceId, String source) {
    return deviceId + '\u0000' + source;
  }
}
