package org.fis.iot.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fis.iot.BatchPolicy;
import org.fis.iot.DeviceConfig;
import org.fis.iot.IngestResult;
import org.fis.iot.IotConfig;
import org.fis.iot.IotException;
import org.fis.iot.MeasurementError;
import org.fis.iot.MeterModel;
import org.fis.iot.MeterModels;
import org.fis.iot.Register;
import org.fis.iot.Resolution;
import org.jdbi.v3.core.Handle;

/**
 * Validates a batch against the meters' models, limits and stored readings, and stores it
 * set-based: the raw rows by one binary COPY, the three merged aggregate levels by one upsert. Runs
 * in the caller's transaction. Thread-safe (its only shared state is concurrent caches of
 * partitions and layouts).
 */
public final class IngestEngine {
  /** Largest stored magnitude in milli units (10^12 base units, e.g. 1 TWh in Wh). */
  public static final long MILLI_MAGNITUDE_MAX = 1_000_000_000_000_000L;

  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};

  /** Earliest accepted reading time. */
  public static final Instant READ_AT_MIN = Instant.parse("2000-01-01T00:00:00Z");

  /** Bound on stored readings read back per meter to check a batch's time range. */
  public static final int STORED_PER_METER_MAX = 50_000;

  private static final Resolution[] RESOLUTIONS = Resolution.values();

  /** Bound on remembered partitions. */
  public static final int PARTITIONS_CACHED_MAX = 1_000;

  private final Clock clock;
  private final IotConfig config;
  private final MeterModels models;
  private final Set<String> knownPartitions = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Layouts.Cache layoutCache = new Layouts.Cache();

  /** Creates the engine. */
  public IngestEngine(Clock clock, IotConfig config, MeterModels models) {
    this.clock = clock;
    this.config = config;
    this.models = models;
  }

  private record MeterRow(String meterId, String deviceId, String model, String limitsJson) {}

  /** A validated reading. */
  private record Candidate(
      int index,
      String meterId,
      Instant readAt,
      long micros,
      RegisterLayout layout,
      long[] milli) {}

  /** A reading in time order for the per-meter checks: stored (index -1) or from the batch. */
  private record Point(long micros, int index, RegisterLayout layout, long[] milli) {}

  /** The key of one aggregate row. */
  private record AggKey(String meterId, Resolution resolution, Instant periodStart, int layoutId) {}

  private static final Comparator<AggKey> KEY_ORDER =
      Comparator.comparing(AggKey::meterId)
          .thenComparing(AggKey::resolution)
          .thenComparing(AggKey::periodStart)
          .thenComparingInt(AggKey::layoutId);

  /**
   * Ingests a batch.
   *
   * @param handle the caller's handle (its transaction)
   * @param deviceId the authenticated device
   * @param measurements the batch; null entries failed parsing and have errors in {@code
   *     parseErrors}
   * @param parseErrors errors found while parsing, by index
   * @param policy atomic or partial
   * @return the outcome
   */
  public IngestResult ingest(
      Handle handle,
      String deviceId,
      List<SentMeasurement> measurements,
      List<MeasurementError> parseErrors,
      BatchPolicy policy) {
    return ingest(handle, deviceId, null, null, measurements, parseErrors, policy).result();
  }

  /**
   * The outcome of {@link #authenticateAndIngest}: the authentication outcome, and the ingest
   * result when authenticated (else null; nothing was checked, the caller rolls back).
   */
  public record Authenticated(DeviceAuthenticator.Outcome outcome, IngestResult result) {}

  /**
   * Authenticates the device and ingests its batch, reading the device's keys in the statement that
   * locks its meters (one round trip fewer than authenticating first). When authentication fails
   * nothing is validated or written, but the meter locks and the last-seen update of that statement
   * are in the transaction: the caller must roll back, as for any failed push.
   *
   * @param handle the caller's handle (its transaction)
   * @param authenticator checks the secret against the keys read
   * @param deviceId the device the request claims to be
   * @param secret the secret the request carries
   * @param measurements the batch (see {@link #ingest})
   * @param parseErrors errors found while parsing, by index
   * @param policy atomic or partial
   * @return the outcome
   */
  public Authenticated authenticateAndIngest(
      Handle handle,
      DeviceAuthenticator authenticator,
      String deviceId,
      String secret,
      List<SentMeasurement> measurements,
      List<MeasurementError> parseErrors,
      BatchPolicy policy) {
    java.util.Objects.requireNonNull(authenticator, "authenticator");
    java.util.Objects.requireNonNull(secret, "secret");
    return ingest(handle, deviceId, authenticator, secret, measurements, parseErrors, policy);
  }

  private Authenticated ingest(
      Handle handle,
      String deviceId,
      DeviceAuthenticator authenticator,
      String secret,
      List<SentMeasurement> measurements,
      List<MeasurementError> parseErrors,
      BatchPolicy policy) {
    Instant now = clock.instant();
    List<MeasurementError> errors = new ArrayList<>(parseErrors);
    Set<Integer> bad = new HashSet<>();
    for (MeasurementError e : parseErrors) {
      bad.add(e.index());
    }
    List<DeviceAuthenticator.KeyRow> keys = new ArrayList<>();
    Map<String, MeterRow> meters = meters(handle, deviceId, measurements, now, keys);
    if (authenticator != null) {
      DeviceAuthenticator.Outcome outcome = authenticator.check(deviceId, secret, keys);
      if (outcome != DeviceAuthenticator.Outcome.AUTHENTICATED) {
        return new Authenticated(outcome, null);
      }
    }
    return new Authenticated(
        DeviceAuthenticator.Outcome.AUTHENTICATED,
        checkAndWrite(handle, deviceId, measurements, policy, now, errors, bad, meters));
  }

  private IngestResult checkAndWrite(
      Handle handle,
      String deviceId,
      List<SentMeasurement> measurements,
      BatchPolicy policy,
      Instant now,
      List<MeasurementError> errors,
      Set<Integer> bad,
      Map<String, MeterRow> meters) {
    Set<String> forbidden = new LinkedHashSet<>();
    for (SentMeasurement m : measurements) {
      if (m != null) {
        MeterRow meter = meters.get(m.meterId());
        if (meter != null && !meter.deviceId().equals(deviceId)) {
          forbidden.add(m.meterId());
        }
      }
    }
    if (!forbidden.isEmpty()) {
      return new IngestResult.Forbidden(List.copyOf(forbidden));
    }
    Map<String, Map<String, long[]>> limitsByMeter = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < measurements.size(); i++) {
      SentMeasurement m = measurements.get(i);
      if (m == null) {
        continue;
      }
      Candidate c = validate(i, m, meters.get(m.meterId()), limitsByMeter, now, errors);
      if (c == null) {
        bad.add(i);
      } else {
        candidates.add(c);
      }
    }
    Set<RegisterLayout> needed = new HashSet<>();
    candidates.forEach(c -> needed.add(c.layout()));
    Layouts layouts = Layouts.load(handle, needed, layoutCache);
    int[] duplicates = {0};
    boolean[] conflict = {false};
    Map<AggregateRows.Key, AggregateState> storedAggregates = new HashMap<>();
    List<Candidate> fresh =
        checkAgainstBatchAndStore(
            handle, candidates, layouts, errors, bad, duplicates, conflict, storedAggregates);
    List<Candidate> accepted = new ArrayList<>();
    for (Candidate c : fresh) {
      if (!bad.contains(c.index())) {
        accepted.add(c);
      }
    }
    if (!errors.isEmpty()
        && (policy == BatchPolicy.ATOMIC || accepted.isEmpty() && duplicates[0] == 0)) {
      errors.sort(Comparator.comparingInt(MeasurementError::index));
      return new IngestResult.Rejected(errors, conflict[0]);
    }
    if (!accepted.isEmpty()) {
      accepted.sort(Comparator.comparing(Candidate::meterId).thenComparingLong(Candidate::micros));
      ensurePartitions(handle, accepted);
      try {
        write(handle, accepted, layouts, storedAggregates, deviceId, now);
      } catch (RuntimeException e) {
        // A stale cache entry (a partition or layout whose creation was rolled back) shows as a
        // failed write (SQLSTATE 23514 or 23503); forget both so the next batch re-checks.
        knownPartitions.clear();
        layoutCache.clear();
        throw e;
      }
    }
    errors.sort(Comparator.comparingInt(MeasurementError::index));
    return new IngestResult.Stored(accepted.size(), duplicates[0], errors);
  }

  /**
   * Reads the batch's meters and the device's valid keys (into {@code keys}, in the shape {@link
   * DeviceAuthenticator#check} expects), takes a transaction-scoped advisory lock on each meter of
   * this device (in meter order, so concurrent pushes never deadlock), and marks the device as
   * seen, in one statement. The per-meter locks make the duplicate, conflict and monotonicity
   * checks and the aggregate read-merge-write exact under concurrency.
   */
  private static Map<String, MeterRow> meters(
      Handle handle,
      String deviceId,
      List<SentMeasurement> measurements,
      Instant now,
      List<DeviceAuthenticator.KeyRow> keys) {
    Set<String> ids = new java.util.TreeSet<>();
    for (SentMeasurement m : measurements) {
      if (m != null) {
        ids.add(m.meterId());
      }
    }
    Map<String, MeterRow> rows = new HashMap<>();
    handle
        .createQuery(
            "WITH seen AS (UPDATE fis_iot.device SET last_seen_at = GREATEST(last_seen_at, :now)"
                + " WHERE device_id = :device RETURNING device_id), s AS (SELECT meter_id, device_id,"
                + " model, limits::text AS limits FROM fis_iot.meter WHERE meter_id = ANY(:ids)),"
                + " locked AS (SELECT count(*) AS n FROM (SELECT"
                + " pg_advisory_xact_lock(hashtextextended('fis_iot.meter/' || o.meter_id, 0)) FROM"
                + " (SELECT meter_id FROM s WHERE device_id = :device ORDER BY meter_id) o) x),"
                + " keys AS (SELECT k.key_id, k.salt, k.hash, k.iterations FROM fis_iot.device d"
                + " LEFT JOIN fis_iot.device_key k ON k.device_id = d.device_id AND k.valid_from <="
                + " :now AND (k.revoked_at IS NULL OR k.revoked_at > :now) WHERE d.device_id ="
                + " :device ORDER BY k.key_id LIMIT 3)"
                + " SELECT 1 AS kind, s.meter_id, s.device_id, s.model, s.limits, NULL::text AS"
                + " key_id, NULL::bytea AS salt, NULL::bytea AS hash, NULL::integer AS iterations,"
                + " locked.n, (SELECT count(*) FROM seen) AS seen FROM locked LEFT JOIN s ON true"
                + " UNION ALL SELECT 0, NULL, NULL, NULL, NULL, keys.key_id, keys.salt, keys.hash,"
                + " keys.iterations, NULL, NULL FROM keys")
        .bindArray("ids", String.class, ids)
        .bind("device", deviceId)
        .bind("now", Sql.utc(now))
        .map(
            (rs, ctx) -> {
              if (rs.getInt("kind") == 0) {
                keys.add(
                    new DeviceAuthenticator.KeyRow(
                        rs.getString("key_id"),
                        rs.getBytes("salt"),
                        rs.getBytes("hash"),
                        rs.getInt("iterations")));
                return null;
              }
              return rs.getString("meter_id") == null
                  ? null
                  : new MeterRow(
                      rs.getString("meter_id"),
                      rs.getString("device_id"),
                      rs.getString("model"),
                      rs.getString("limits"));
            })
        .forEach(
            r -> {
              if (r != null) {
                rows.put(r.meterId(), r);
              }
            });
    return rows;
  }

  private Candidate validate(
      int index,
      SentMeasurement m,
      MeterRow meter,
      Map<String, Map<String, long[]>> limitsByMeter,
      Instant now,
      List<MeasurementError> errors) {
    if (meter == null) {
      errors.add(new MeasurementError(index, "meterId", "unknown meter " + m.meterId()));
      return null;
    }
    MeterModel model = models.model(meter.model()).orElse(null);
    if (model == null) {
      errors.add(
          new MeasurementError(
              index,
              "meterId",
              "meter model " + meter.model() + " is not configured on the server"));
      return null;
    }
    int before = errors.size();
    if (m.readAt().isAfter(now.plus(config.readAtSkewMax()))) {
      errors.add(
          new MeasurementError(
              index,
              "readAt",
              "in the future: "
                  + m.readAt()
                  + " is more than "
                  + config.readAtSkewMax()
                  + " after the server time "
                  + now));
    } else if (m.readAt().isBefore(READ_AT_MIN)) {
      errors.add(new MeasurementError(index, "readAt", "before " + READ_AT_MIN));
    }
    RegisterLayout layout = layoutOf(model);
    Map<String, Integer> index0 =
        indexByModel.computeIfAbsent(model.name(), unused -> layout.indexByName());
    long[] milli = new long[layout.size()];
    Arrays.fill(milli, AggregateState.ABSENT);
    Map<String, long[]> limits =
        limitsByMeter.computeIfAbsent(meter.meterId(), id -> limits(meter, model));
    long[] factors = factorsByModel.computeIfAbsent(model.name(), unused -> factors(model));
    String[] names = m.names();
    for (int k = 0; k < names.length; k++) {
      String name = names[k];
      Integer i = index0.get(name);
      if (i == null) {
        errors.add(
            new MeasurementError(
                index, "values." + name, "unknown field for meter model " + model.name()));
        continue;
      }
      Register register = model.registers().get(i);
      long value =
          toMilli(
              m.unscaled()[k], m.scales()[k], m.exact() == null ? null : m.exact()[k], factors[i]);
      if (value == OUT_OF_RANGE) {
        errors.add(
            new MeasurementError(
                index,
                "values." + name,
                "out of range: magnitude above 10^12 " + register.quantity().baseUnit()));
        continue;
      }
      long[] limit = limits.isEmpty() ? null : limits.get(name);
      if (limit != null && value < limit[0]) {
        errors.add(
            new MeasurementError(
                index,
                "values." + name,
                "below the configured minimum " + plain(limit[0], register)));
      } else if (limit != null && value > limit[1]) {
        errors.add(
            new MeasurementError(
                index,
                "values." + name,
                "above the configured maximum " + plain(limit[1], register)));
      } else {
        milli[i] = value;
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new Candidate(index, m.meterId(), m.readAt(), Sql.micros(m.readAt()), layout, milli);
  }

  // Keyed by model name: the engine's catalogue is immutable, and a record's hashCode would walk
  // all its registers on every lookup.
  private final Map<String, RegisterLayout> layoutByModel =
      new java.util.concurrent.ConcurrentHashMap<>();

  private RegisterLayout layoutOf(MeterModel model) {
    return layoutByModel.computeIfAbsent(model.name(), unused -> RegisterLayout.of(model));
  }

  private final Map<String, Map<String, Integer>> indexByModel =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String plain(long milli, Register register) {
    return BigDecimal.valueOf(milli)
            .divide(register.milliFactor(), 9, RoundingMode.UNNECESSARY)
            .stripTrailingZeros()
            .toPlainString()
        + " "
        + register.unit();
  }

  /** What {@link #toMilli} returns for a value whose magnitude is above 10^12 base units. */
  static final long OUT_OF_RANGE = Long.MIN_VALUE;

  private final Map<String, long[]> factorsByModel = new java.util.concurrent.ConcurrentHashMap<>();

  /** Each register's factor from its sent unit to milli base units, in layout order. */
  private static long[] factors(MeterModel model) {
    long[] factors = new long[model.registers().size()];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = model.registers().get(i).milliFactorLong();
    }
    return factors;
  }

  /**
   * Converts a sent value (unscaled and scale, or exact) to milli base units, rounding HALF_EVEN,
   * or returns {@link #OUT_OF_RANGE}.
   *
   * @param unscaled the unscaled value (when {@code exact} is null)
   * @param scale its decimal scale
   * @param exact the value when it has no unscaled form, else null
   * @param milliFactor the register's factor from the sent unit to milli units (a multiple of 1000)
   */
  static long toMilli(long unscaled, int scale, BigDecimal exact, long milliFactor) {
    if (exact == null && scale >= 0 && scale <= 3) {
      // Exact without BigDecimal: at most 3 decimals become an integer after scaling.
      try {
        long milli = Math.multiplyExact(unscaled, POWERS_OF_TEN[3 - scale] * (milliFactor / 1000));
        return milli > MILLI_MAGNITUDE_MAX || milli < -MILLI_MAGNITUDE_MAX ? OUT_OF_RANGE : milli;
      } catch (ArithmeticException e) {
        return OUT_OF_RANGE;
      }
    }
    BigDecimal value = exact != null ? exact : BigDecimal.valueOf(unscaled, scale);
    if (value.signum() == 0) {
      // 0E+41 is zero; its digit count (1 - (-41)) would otherwise call it out of range.
      return 0L;
    }
    BigDecimal scaled = value.multiply(BigDecimal.valueOf(milliFactor));
    // In long: a sent exponent near Integer.MAX_VALUE (1E+2147483647) makes the scale about
    // -2^31, and precision - scale in int wraps to a negative count: the value was "rounded to
    // zero" and stored as 0 instead of being refused as out of range.
    long integerDigits = (long) scaled.precision() - scaled.scale();
    if (integerDigits > 16) {
      return OUT_OF_RANGE;
    }
    if (integerDigits < -1) {
      // |scaled| < 0.01: rounds to zero; avoids rescaling numbers like 1e-999999999.
      return 0L;
    }
    long milli = scaled.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    return Math.abs(milli) > MILLI_MAGNITUDE_MAX ? OUT_OF_RANGE : milli;
  }

  private static Map<String, long[]> limits(MeterRow meter, MeterModel model) {
    Map<String, long[]> limits = new HashMap<>();
    DeviceConfig.limitsFromJson(meter.limitsJson())
        .forEach(
            (name, limit) ->
                model
                    .register(name)
                    .ifPresent(
                        register ->
                            limits.put(
                                name,
                                new long[] {
                                  limit.min() == null
                                      ? Long.MIN_VALUE
                                      : bound(limit.min(), register, RoundingMode.CEILING),
                                  limit.max() == null
                                      ? Long.MAX_VALUE
                                      : bound(limit.max(), register, RoundingMode.FLOOR)
                                })));
    return limits;
  }

  private static long bound(BigDecimal limit, Register register, RoundingMode rounding) {
    return limit.multiply(register.milliFactor()).setScale(0, rounding).longValueExact();
  }

  /**
   * Drops in-batch duplicates, finds conflicts with the batch and the stored rows, and checks that
   * cumulative registers never run backwards. Returns the candidates not already stored.
   */
  private List<Candidate> checkAgainstBatchAndStore(
      Handle handle,
      List<Candidate> candidates,
      Layouts layouts,
      List<MeasurementError> errors,
      Set<Integer> bad,
      int[] duplicates,
      boolean[] conflict,
      Map<AggregateRows.Key, AggregateState> storedAggregates) {
    Map<String, TreeMap<Long, Point>> byMeter = new TreeMap<>();
    List<Candidate> unique = new ArrayList<>();
    Map<String, Map<Long, Candidate>> seen = new HashMap<>();
    for (Candidate c : candidates) {
      Candidate first =
          seen.computeIfAbsent(c.meterId(), k -> new HashMap<>()).putIfAbsent(c.micros(), c);
      if (first == null) {
        unique.add(c);
      } else if (sameValues(first.layout(), first.milli(), c.layout(), c.milli())) {
        duplicates[0]++;
      } else {
        conflict[0] = true;
        bad.add(c.index());
        errors.add(
            new MeasurementError(
                c.index(),
                "readAt",
                "conflict: measurement "
                    + first.index()
                    + " of this batch has other values for"
                    + " meter "
                    + c.meterId()
                    + " at "
                    + c.readAt()));
      }
    }
    Map<String, long[]> ranges = new TreeMap<>();
    for (Candidate c : unique) {
      ranges.merge(
          c.meterId(),
          new long[] {c.micros(), c.micros()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    Set<AggregateRows.Key> aggregateKeys = new LinkedHashSet<>();
    Periods periods = new Periods(config.zone());
    for (Candidate c : unique) {
      // Only the quarter-hour level is read and written before the acknowledgment; days and
      // months are folded from it later (AggregateFold).
      aggregateKeys.add(
          new AggregateRows.Key(
              c.meterId(),
              Resolution.QUARTER_HOUR.code(),
              periods.start(Resolution.QUARTER_HOUR, c.readAt(), c.micros()),
              layouts.id(c.layout())));
    }
    for (Map.Entry<String, TreeMap<Long, Point>> e :
        stored(handle, ranges, aggregateKeys, layouts, storedAggregates).entrySet()) {
      byMeter.put(e.getKey(), e.getValue());
    }
    List<Candidate> fresh = new ArrayList<>();
    Map<String, List<Candidate>> uniqueByMeter = new LinkedHashMap<>();
    for (Candidate c : unique) {
      uniqueByMeter.computeIfAbsent(c.meterId(), k -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<String, List<Candidate>> e : uniqueByMeter.entrySet()) {
      TreeMap<Long, Point> points = byMeter.getOrDefault(e.getKey(), new TreeMap<>());
      List<Candidate> conflicting = new ArrayList<>();
      for (Candidate c : e.getValue()) {
        Point stored = points.get(c.micros());
        if (stored == null) {
          points.put(c.micros(), new Point(c.micros(), c.index(), c.layout(), c.milli()));
          fresh.add(c);
        } else if (sameValues(stored.layout(), stored.milli(), c.layout(), c.milli())) {
          duplicates[0]++;
        } else {
          conflicting.add(c);
        }
      }
      checkMonotonic(points, errors, bad);
      for (MeasurementError error : valueErrorsOrConflicts(points, conflicting, bad)) {
        conflict[0] |= error.reason().startsWith(CONFLICT_STORED);
        bad.add(error.index());
        errors.add(error);
      }
    }
    return fresh;
  }

  private static final String CONFLICT_STORED = "conflict: other values are already stored";

  /**
   * The refusal of each measurement whose instant is already stored with other values: the one a
   * measurement at a fresh instant would get when its values would be refused there (a cumulative
   * register running backwards against the readings around it, the stored one at its instant left
   * out), else a conflict. Values out of range or outside the limits never get here: they are
   * refused before the stored readings are consulted, at any instant.
   */
  private static List<MeasurementError> valueErrorsOrConflicts(
      TreeMap<Long, Point> points, List<Candidate> conflicting, Set<Integer> bad) {
    if (conflicting.isEmpty()) {
      return List.of();
    }
    TreeMap<Long, Point> asIfFresh = new TreeMap<>(points);
    for (Candidate c : conflicting) {
      asIfFresh.put(c.micros(), new Point(c.micros(), c.index(), c.layout(), c.milli()));
    }
    List<MeasurementError> valueErrors = new ArrayList<>();
    checkMonotonic(asIfFresh, valueErrors, new HashSet<>(bad));
    List<MeasurementError> out = new ArrayList<>();
    for (Candidate c : conflicting) {
      List<MeasurementError> mine =
          valueErrors.stream().filter(error -> error.index() == c.index()).toList();
      if (!mine.isEmpty()) {
        out.addAll(mine);
        continue;
      }
      out.add(
          new MeasurementError(
              c.index(),
              "readAt",
              CONFLICT_STORED + " for meter " + c.meterId() + " at " + c.readAt()));
    }
    return out;
  }

  /**
   * Walks a meter's readings in time order; a cumulative register must never decrease. Registers
   * are matched by name across layouts (a meter whose model changed); each name gets a slot in
   * arrays of the last value, its index and time.
   */
  private static void checkMonotonic(
      TreeMap<Long, Point> points, List<MeasurementError> errors, Set<Integer> bad) {
    Map<RegisterLayout, int[]> slotsByLayout = new java.util.IdentityHashMap<>();
    Map<String, Integer> slotByName = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Point p : points.values()) {
      slotsByLayout.computeIfAbsent(
          p.layout(),
          layout -> {
            int[] slots = new int[layout.size()];
            for (int i = 0; i < slots.length; i++) {
              String name = layout.names().get(i);
              slots[i] =
                  slotByName.computeIfAbsent(
                      name,
                      n -> {
                        names.add(n);
                        return names.size() - 1;
                      });
            }
            return slots;
          });
    }
    int slotCount = names.size();
    boolean[] has = new boolean[slotCount];
    long[] lastValue = new long[slotCount];
    int[] lastIndex = new int[slotCount];
    long[] lastMicros = new long[slotCount];
    for (Point p : points.values()) {
      RegisterLayout layout = p.layout();
      int[] slots = slotsByLayout.get(layout);
      long[] milli = p.milli();
      for (int i = 0; i < slots.length; i++) {
        if (!layout.cumulative(i) || milli[i] == AggregateState.ABSENT) {
          continue;
        }
        int slot = slots[i];
        long value = milli[i];
        if (has[slot] && value < lastValue[slot]) {
          int culprit = p.index() >= 0 ? p.index() : lastIndex[slot];
          if (culprit >= 0 && bad.add(culprit)) {
            errors.add(
                new MeasurementError(
                    culprit,
                    "values." + names.get(slot),
                    "cumulative register runs backwards: "
                        + (p.index() >= 0
                            ? "lower than the reading at " + Sql.ofMicros(lastMicros[slot])
                            : "higher than the later stored reading at "
                                + Sql.ofMicros(p.micros()))));
          }
          if (p.index() >= 0) {
            continue;
          }
        }
        if (p.index() < 0 || !bad.contains(p.index())) {
          has[slot] = true;
          lastValue[slot] = value;
          lastIndex[slot] = p.index();
          lastMicros[slot] = p.micros();
        }
      }
    }
  }

  private static boolean sameValues(RegisterLayout la, long[] a, RegisterLayout lb, long[] b) {
    if (la.equals(lb)) {
      return Arrays.equals(a, b);
    }
    Map<String, Long> x = new HashMap<>();
    Map<String, Long> y = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      if (a[i] != AggregateState.ABSENT) {
        x.put(la.names().get(i), a[i]);
      }
    }
    for (int i = 0; i < b.length; i++) {
      if (b[i] != AggregateState.ABSENT) {
        y.put(lb.names().get(i), b[i]);
      }
    }
    return x.equals(y);
  }

  /**
   * Stored readings of each meter in [from, to] plus the one before and the one after, and the
   * stored aggregate rows of the given keys (into {@code aggregates}), in one statement; a second
   * one only for meters without a reading in the 35 days before their batch. The caller holds the
   * meters' ingest locks, so both stay current until commit.
   */
  private static Map<String, TreeMap<Long, Point>> stored(
      Handle handle,
      Map<String, long[]> ranges,
      Set<AggregateRows.Key> aggregateKeys,
      Layouts layouts,
      Map<AggregateRows.Key, AggregateState> aggregates) {
    Map<String, TreeMap<Long, Point>> result = new HashMap<>();
    if (ranges.isEmpty()) {
      return result;
    }
    List<String> meters = new ArrayList<>(ranges.keySet());
    List<String> from = new ArrayList<>();
    List<String> to = new ArrayList<>();
    for (String meter : meters) {
      from.add(Sql.ofMicros(ranges.get(meter)[0]).toString());
      to.add(Sql.ofMicros(ranges.get(meter)[1]).toString());
    }
    List<String> km = new ArrayList<>(aggregateKeys.size());
    List<Integer> kr = new ArrayList<>(aggregateKeys.size());
    List<String> kp = new ArrayList<>(aggregateKeys.size());
    List<Integer> kl = new ArrayList<>(aggregateKeys.size());
    for (AggregateRows.Key k : aggregateKeys) {
      km.add(k.meterId());
      kr.add(k.resolution());
      kp.add(k.periodStart().toString());
      kl.add(k.layoutId());
    }
    String columns =
        "r.meter_id, r.layout_id, r.values_milli,"
            + " (EXTRACT(EPOCH FROM r.reading_time) * 1000000)::bigint AS micros";
    // Every branch is bounded below by :lo, a statement parameter: PostgreSQL prunes the month
    // partitions before :lo when the executor starts, instead of opening an index scan on every
    // month of history for each branch. A "before" reading older than :lo is looked up again,
    // unbounded, for the meters that found none (see beforeFallback).
    long lo = Long.MAX_VALUE;
    for (long[] range : ranges.values()) {
      lo = Math.min(lo, range[0]);
    }
    String lower = Sql.ofMicros(lo - NEAR_MICROS).toString();
    String table =
        " FROM fis_iot.raw_measurement r WHERE r.meter_id = b.meter_id AND r.reading_time >="
            + " CAST(:lo AS timestamptz) AND ";
    handle
        .createQuery(
            "SELECT 0 AS kind, x.meter_id, x.layout_id, x.micros, NULL::smallint AS resolution,"
                + " NULL::timestamptz AS period_start, NULL::bigint AS count, x.values_milli AS a1,"
                + " NULL::bigint[] AS a2, NULL::bigint[] AS a3, NULL::bigint[] AS a4,"
                + " NULL::bigint[] AS a5, NULL::bigint[] AS a6 FROM unnest(CAST(:m AS text[]),"
                + " CAST(:f AS timestamptz[]), CAST(:t AS timestamptz[])) AS b(meter_id, t_from,"
                + " t_to) CROSS JOIN LATERAL ((SELECT "
                + columns
                + table
                + "r.reading_time < b.t_from ORDER BY r.reading_time DESC LIMIT 1)"
                + " UNION ALL (SELECT "
                + columns
                + table
                + "r.reading_time >= b.t_from AND r.reading_time <= b.t_to ORDER BY r.reading_time"
                + " LIMIT "
                + STORED_PER_METER_MAX
                + ") UNION ALL (SELECT "
                + columns
                + table
                + "r.reading_time > b.t_to ORDER BY r.reading_time LIMIT 1)) AS x"
                + " UNION ALL SELECT 1, a.meter_id, a.layout_id, NULL, a.resolution,"
                + " a.period_start, a.count, a.n, a.sum_milli, a.lo_milli, a.lo_at_micros,"
                + " a.hi_milli, a.hi_at_micros FROM fis_iot.aggregate a JOIN unnest(CAST(:km AS"
                + " text[]), CAST(:kr AS smallint[]), CAST(:kp AS timestamptz[]), CAST(:kl AS"
                + " int[])) AS k(m, r, p, l) ON a.meter_id = k.m AND a.resolution = k.r AND"
                + " a.period_start = k.p AND a.layout_id = k.l")
        .bindArray("m", String.class, meters)
        .bindArray("f", String.class, from)
        .bindArray("t", String.class, to)
        .bind("lo", lower)
        .bindArray("km", String.class, km)
        .bindArray("kr", Integer.class, kr)
        .bindArray("kp", String.class, kp)
        .bindArray("kl", Integer.class, kl)
        .map(
            (rs, ctx) -> {
              String meterId = rs.getString("meter_id");
              int layoutId = rs.getInt("layout_id");
              RegisterLayout layout = layouts.layout(layoutId);
              if (rs.getInt("kind") == 1) {
                AggregateState state =
                    AggregateState.of(
                        layout,
                        rs.getLong("count"),
                        longs(rs.getArray("a1"), false),
                        longs(rs.getArray("a2"), false),
                        longs(rs.getArray("a3"), false),
                        longs(rs.getArray("a4"), false),
                        longs(rs.getArray("a5"), false),
                        longs(rs.getArray("a6"), false));
                aggregates.put(
                    new AggregateRows.Key(
                        meterId,
                        rs.getInt("resolution"),
                        Sql.instant(rs, "period_start"),
                        layoutId),
                    state);
                return null;
              }
              long micros = rs.getLong("micros");
              return Map.entry(
                  meterId, new Point(micros, -1, layout, longs(rs.getArray("a1"), true)));
            })
        .forEach(
            e -> {
              if (e != null) {
                result
                    .computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                    .put(e.getValue().micros(), e.getValue());
              }
            });
    List<String> unmatched = new ArrayList<>();
    List<String> unmatchedFrom = new ArrayList<>();
    for (int i = 0; i < meters.size(); i++) {
      TreeMap<Long, Point> points = result.get(meters.get(i));
      if (points == null || points.firstKey() >= ranges.get(meters.get(i))[0]) {
        unmatched.add(meters.get(i));
        unmatchedFrom.add(from.get(i));
      }
    }
    if (!unmatched.isEmpty()) {
      beforeFallback(handle, unmatched, unmatchedFrom, layouts, result);
    }
    return result;
  }

  /** How far before a batch the bounded lookup of {@link #stored} searches: 35 days. */
  static final long NEAR_MICROS = 35L * 24 * 3600 * 1_000_000L;

  /**
   * The stored reading before {@code from} of meters that have none in the 35 days before it (a new
   * meter, or one silent for over a month), unbounded: rare, so its cost of visiting every month
   * partition is paid rarely.
   */
  private static void beforeFallback(
      Handle handle,
      List<String> meters,
      List<String> from,
      Layouts layouts,
      Map<String, TreeMap<Long, Point>> result) {
    handle
        .createQuery(
            "SELECT x.meter_id, x.layout_id, x.values_milli, x.micros FROM unnest(CAST(:m AS"
                + " text[]), CAST(:f AS timestamptz[])) AS b(meter_id, t_from) CROSS JOIN LATERAL"
                + " (SELECT r.meter_id, r.layout_id, r.values_milli, (EXTRACT(EPOCH FROM"
                + " r.reading_time) * 1000000)::bigint AS micros FROM fis_iot.raw_measurement r"
                + " WHERE r.meter_id = b.meter_id AND r.reading_time < b.t_from ORDER BY"
                + " r.reading_time DESC LIMIT 1) AS x")
        .bindArray("m", String.class, meters)
        .bindArray("f", String.class, from)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("meter_id"),
                    new Point(
                        rs.getLong("micros"),
                        -1,
                        layouts.layout(rs.getInt("layout_id")),
                        longs(rs.getArray("values_milli"), true))))
        .forEach(
            e ->
                result
                    .computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                    .put(e.getValue().micros(), e.getValue()));
  }

  /** A SQL bigint[] as long[]; NULL elements become {@link AggregateState#ABSENT} or 0. */
  static long[] longs(Array array, boolean nullIsAbsent) throws SQLException {
    Object raw = array.getArray();
    Long[] boxed = (Long[]) raw;
    long[] values = new long[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      values[i] = boxed[i] == null ? (nullIsAbsent ? AggregateState.ABSENT : 0) : boxed[i];
    }
    return values;
  }

  private void ensurePartitions(Handle handle, List<Candidate> accepted) {
    Set<String> distinct = new java.util.TreeSet<>();
    for (Candidate c : accepted) {
      String t = c.readAt().toString();
      distinct.add(t.substring(0, 7) + "-01T00:00:00Z");
    }
    distinct.removeAll(knownPartitions);
    if (distinct.isEmpty()) {
      return;
    }
    handle
        .createQuery(
            "SELECT count(fis_iot.ensure_raw_partition(t)) FROM unnest(CAST(:t AS timestamptz[])) t")
        .bindArray("t", String.class, distinct)
        .mapTo(Long.class)
        .one();
    // Remembered for later batches; a rolled-back creation shows as a failed COPY (SQLSTATE
    // 23514), which clears this cache and is retried.
    if (knownPartitions.size() > PARTITIONS_CACHED_MAX) {
      knownPartitions.clear();
    }
    knownPartitions.addAll(distinct);
  }

  /** The binary COPY of raw rows that precedes the aggregate upsert in {@link #write}. */
  static final String RAW_COPY_SQL =
      "COPY fis_iot.raw_measurement (meter_id, reading_time, layout_id, values_milli, device_id,"
          + " received_at) FROM STDIN (FORMAT binary)";

  /** Bytes of a raw row in the binary COPY stream, roughly, to size the buffer. */
  private static final int RAW_ROW_BYTES = 400;

  /**
   * Copies the accepted raw rows into {@code raw_measurement} (binary COPY; insert-only, a stored
   * key fails with SQLSTATE 23505) and upserts the quarter-hour aggregates, merged in Java with the
   * stored rows read under the meters' locks, queueing each changed quarter hour for the fold of
   * its day and month (in the same statement): two round trips. A quarter hour that was not queued
   * yet is queued with the statistics it had before this push: those are the ones its day and month
   * rows hold.
   */
  private void write(
      Handle handle,
      List<Candidate> accepted,
      Layouts layouts,
      Map<AggregateRows.Key, AggregateState> stored,
      String deviceId,
      Instant now) {
    long receivedMicros = Sql.micros(now);
    CopyBinary copy = new CopyBinary(accepted.size() * RAW_ROW_BYTES);
    Map<AggKey, AggregateState.Builder> quarters = new LinkedHashMap<>();
    Periods periods = new Periods(config.zone());
    for (Candidate c : accepted) {
      int layoutId = layouts.id(c.layout());
      copy.row(6)
          .text(c.meterId())
          .timestamptz(c.micros())
          .int4(layoutId)
          .int8Array(c.milli(), AggregateState.ABSENT)
          .text(deviceId)
          .timestamptz(receivedMicros);
      quarters
          .computeIfAbsent(
              new AggKey(
                  c.meterId(),
                  Resolution.QUARTER_HOUR,
                  periods.start(Resolution.QUARTER_HOUR, c.readAt(), c.micros()),
                  layoutId),
              k -> new AggregateState.Builder(c.layout()))
          .add(c.milli(), c.micros());
    }
    TreeMap<AggKey, AggregateState> deltas = new TreeMap<>(KEY_ORDER);
    for (Map.Entry<AggKey, AggregateState.Builder> e : quarters.entrySet()) {
      deltas.put(e.getKey(), e.getValue().build());
    }
    byte[] rows = copy.finish();
    try {
      org.postgresql.copy.CopyIn in =
          handle
              .getConnection()
              .unwrap(org.postgresql.PGConnection.class)
              .getCopyAPI()
              .copyIn(RAW_COPY_SQL);
      try {
        in.writeToCopy(rows, 0, rows.length);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
    } catch (SQLException e) {
      throw failure("raw measurements could not be stored", e);
    }
    List<AggregateRows.Row> rowDeltas = new ArrayList<>(deltas.size());
    List<AggregateRows.Queued> queued = new ArrayList<>(deltas.size());
    for (Map.Entry<AggKey, AggregateState> e : deltas.entrySet()) {
      AggKey key = e.getKey();
      AggregateRows.Row delta =
          new AggregateRows.Row(
              key.meterId(), key.resolution(), key.periodStart(), key.layoutId(), e.getValue());
      rowDeltas.add(delta);
      long micros = Sql.micros(key.periodStart());
      queued.add(
          new AggregateRows.Queued(
              periods.start(Resolution.DAY, key.periodStart(), micros),
              periods.start(Resolution.MONTH, key.periodStart(), micros),
              stored.get(delta.key())));
    }
    List<AggregateRows.Row> merged = AggregateRows.merged(rowDeltas, stored);
    AggregateRows.bindQueued(
            AggregateRows.bind(handle.createUpdate(AggregateRows.QUARTER_UPSERT_SQL), merged),
            queued,
            now)
        .execute();
  }

  /**
   * Period starts of one batch, remembering the last period of each resolution (readings of a batch
   * mostly share their quarter hour, day and month), so that zone arithmetic runs once per period.
   */
  private static final class Periods {
    private final java.time.ZoneId zone;
    private final long[] from = new long[RESOLUTIONS.length];
    private final long[] to = new long[RESOLUTIONS.length];
    private final Instant[] start = new Instant[RESOLUTIONS.length];

    Periods(java.time.ZoneId zone) {
      this.zone = zone;
    }

    Instant start(Resolution resolution, Instant at, long atMicros) {
      int r = resolution.ordinal();
      if (start[r] == null || atMicros < from[r] || atMicros >= to[r]) {
        Instant periodStart = resolution.periodStart(at, zone);
        start[r] = periodStart;
        from[r] = Sql.micros(periodStart);
        to[r] = Sql.micros(resolution.periodEnd(periodStart, zone));
      }
      return start[r];
    }
  }

  /** Wraps a retryable database failure. */
  static IotException failure(String message, SQLException e) {
    String state = e.getSQLState();
    boolean retryable = "40P01".equals(state) || "40001".equals(state) || "23505".equals(state);
    return new IotException(message + " (SQLSTATE " + state + ")", e, retryable);
  }
}
