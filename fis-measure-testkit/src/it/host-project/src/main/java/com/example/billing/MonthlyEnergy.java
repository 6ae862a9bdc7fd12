package com.example.billing;

import java.util.List;
import org.fis.measure.MeasureKind;
import org.fis.measure.Tariff;
import org.fis.measure.TariffMeasure;

/** A host's own operations on fis measures: what its invoices bill for a month. */
public final class MonthlyEnergy {
  private MonthlyEnergy() {}

  /** Combines two partial month totals (for example from two ingestion shards). */
  public static TariffMeasure combine(TariffMeasure left, TariffMeasure right) {
    return left.add(right);
  }

  /** The billed total of a month's quarter-hour readings. */
  public static TariffMeasure total(List<TariffMeasure> readings) {
    return readings.stream()
        .reduce(MonthlyEnergy::combine)
        .orElse(TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY));
  }

  /** The high-tariff import, the line the host prints first on an invoice. */
  public static TariffMeasure highTariffOnly(TariffMeasure month) {
    return TariffMeasure.single(month.tariff(Tariff.T1));
  }
}
