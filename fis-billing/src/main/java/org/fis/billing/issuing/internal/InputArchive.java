package org.fis.billing.issuing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.QuarterHourUsage;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.issuing.Snapshot;
import org.fis.billing.output.InvoiceJson;
import org.fis.measure.Quantity;
import org.fis.measure.time.Interval;

/**
 * Builds the archived snapshots of an invoice's inputs: the calculator configuration, and per meter
 * its configuration, the catalogue versions that overlap the period, and SHA-256 digests of its
 * readings and quarter hours (sorted, so the digest does not depend on input order).
 */
public final class InputArchive {
  private static final ObjectMapper MAPPER = InvoiceJson.mapper();

  private InputArchive() {}

  /**
   * The snapshots of a request.
   *
   * @param config the calculator configuration used
   * @param request the calculator input
   * @return the snapshots, configuration first, then one per meter
   */
  public static List<Snapshot> of(CalculatorConfig config, InvoiceRequest request) {
    List<Snapshot> snapshots = new ArrayList<>();
    snapshots.add(new Snapshot("calculator-config", "config", json(config)));
    for (MeterBilling meter : request.meters()) {
      snapshots.add(
          new Snapshot(
              "meter",
              meter.locationId() + "/" + meter.meterId(),
              json(meterSnapshot(meter, request.period()))));
    }
    return snapshots;
  }

  /**
   * Checks that a host snapshot holds JSON and returns it normalized.
   *
   * @param index the snapshot's position, for the error message
   * @param snapshot the host snapshot
   * @return the snapshot with normalized JSON
   */
  public static Snapshot checked(int index, Snapshot snapshot) {
    try {
      return new Snapshot(
          snapshot.kind(),
          snapshot.key(),
          MAPPER.writeValueAsString(MAPPER.readTree(snapshot.json())));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "hostSnapshots[" + index + "].json: not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> meterSnapshot(MeterBilling meter, Interval period) {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("locationId", meter.locationId());
    snapshot.put("meterId", meter.meterId());
    snapshot.put("tariffModel", meter.tariffModel());
    snapshot.put("activeFrom", meter.activeFrom());
    snapshot.put("activeUntil", meter.activeUntil());
    snapshot.put("usageCatalogues", overlapping(meter.usageCatalogues(), period));
    snapshot.put("supplyCatalogues", overlapping(meter.supplyCatalogues(), period));
    snapshot.put("readingCount", meter.readings().size());
    snapshot.put("readingsSha256", readingsDigest(meter.readings()));
    snapshot.put("quarterHourCount", meter.quarterHours().size());
    snapshot.put("quarterHoursSha256", quartersDigest(meter.quarterHours()));
    return snapshot;
  }

  private static List<Catalogue> overlapping(CatalogueTimeline timeline, Interval period) {
    return timeline.versions().stream()
        .filter(v -> v.validFrom().isBefore(period.end()))
        .filter(v -> v.validUntil() == null || v.validUntil().isAfter(period.start()))
        .toList();
  }

  private static String readingsDigest(List<RegisterReading> readings) {
    MessageDigest digest = sha256();
    ByteBuffer row = ByteBuffer.allocate(7 * Long.BYTES);
    for (RegisterReading r : sorted(readings, Comparator.comparing(RegisterReading::at))) {
      row.clear();
      row.putLong(r.at().getEpochSecond()).putLong(r.at().getNano());
      row.putLong(milli(r.activeImport())).putLong(milli(r.activeImportHigh()));
      row.putLong(milli(r.activeImportLow())).putLong(milli(r.reactiveImport()));
      row.putLong(milli(r.reactiveExport()));
      digest.update(row.array(), 0, row.position());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String quartersDigest(List<QuarterHourUsage> quarters) {
    // One pass in the usual case (a host reads its rows in time order); out-of-order input is
    // digested again in sorted order, so the digest never depends on the input order.
    if (!inTimeOrder(quarters)) {
      List<QuarterHourUsage> copy = new ArrayList<>(quarters);
      copy.sort(Comparator.comparing(QuarterHourUsage::start));
      quarters = copy;
    }
    MessageDigest digest = sha256();
    ByteBuffer row = ByteBuffer.allocate(4 * Long.BYTES);
    for (int i = 0; i < quarters.size(); i++) {
      QuarterHourUsage q = quarters.get(i);
      row.clear();
      row.putLong(q.start().getEpochSecond()).putLong(milli(q.activeImport()));
      row.putLong(milli(q.reactiveImport())).putLong(milli(q.reactiveExport()));
      digest.update(row.array(), 0, row.position());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static boolean inTimeOrder(List<QuarterHourUsage> quarters) {
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < quarters.size(); i++) {
      long seconds = quarters.get(i).start().getEpochSecond();
      if (seconds < previous) {
        return false;
      }
      previous = seconds;
    }
    return true;
  }

  private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
    boolean inOrder = true;
    for (int i = 1; i < list.size() && inOrder; i++) {
      inOrder = order.compare(list.get(i - 1), list.get(i)) <= 0;
    }
    if (inOrder) {
      return list; // the usual case: a host reads its rows in time order
    }
    List<T> copy = new ArrayList<>(list);
    copy.sort(order);
    return copy;
  }

  /** The value in thousandths; {@link Long#MIN_VALUE} stands for "not available". */
  private static long milli(Quantity quantity) {
    return quantity == null ? Long.MIN_VALUE : quantity.valueMilli();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("snapshot not serializable: " + e.getOriginalMessage(), e);
    }
  }
}
