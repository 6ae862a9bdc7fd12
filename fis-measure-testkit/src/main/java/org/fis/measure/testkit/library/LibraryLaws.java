package org.fis.measure.testkit.library;

import java.util.List;

/** The library's law containers, in the order the {@code fis laws} command runs them. */
public final class LibraryLaws {
  /** Every law container of fis-measure-math. */
  public static final List<Class<?>> CONTAINERS =
      List.of(
          PhaseAdditionLaws.class,
          DirectionAdditionLaws.class,
          TariffAdditionLaws.class,
          CompositeRedeliveryLaws.class,
          LoadCurveAdditivityLaws.class);

  private LibraryLaws() {}
}
