package org.fis.measure;

/**
 * What the composite rules ({@link Composites}) need of every layer's measure: its kind and whether
 * it is available. Not API: the layers publish these methods as their own.
 */
sealed interface Layered permits PhaseMeasure, DirectionMeasure, TariffMeasure {
  /**
   * What is measured.
   *
   * @return the kind
   */
  MeasureKind kind();

  /**
   * Whether a value is available.
   *
   * @return false for "not available" and measures holding only it
   */
  boolean isAvailable();
}
