package org.fis.measure;

/** Short constructors for tests. */
final class Measures {
  private Measures() {}

  static PhaseMeasure.Total totalWh(long wh) {
    return PhaseMeasure.total(Quantity.of(wh, Unit.WH));
  }

  static PhaseMeasure.ThreePhase threeWh(long l1, long l2, long l3) {
    return PhaseMeasure.threePhase(
        Quantity.of(l1, Unit.WH), Quantity.of(l2, Unit.WH), Quantity.of(l3, Unit.WH));
  }

  static Quantity wh(long wh) {
    return Quantity.of(wh, Unit.WH);
  }

  static Quantity milliWh(long milli) {
    return Quantity.ofMilli(MeasureKind.ACTIVE_ENERGY, milli);
  }

  static PhaseMeasure notAvailableEnergy() {
    return PhaseMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY);
  }
}
