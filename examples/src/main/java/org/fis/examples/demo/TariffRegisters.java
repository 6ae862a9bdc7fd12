package org.fis.examples.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.iot.Measurement;

/**
 * Makes the simulated meters' T1/T2 registers follow the demo's tariff calendar, as a meter with a
 * working tariff switch does: the energy of each quarter hour goes to T1 when the calendar says the
 * quarter hour is high tariff, else to T2. (The gateway simulator splits its total register 2:1,
 * whatever the time; billing then rightly warned that the registers disagree with the calendar.)
 *
 * <p>One injected fault, on purpose: {@link #FAULTY_METER} misses its switch to the low tariff on
 * the nights of {@link #FAULT_DAYS}, so its invoice carries exactly one {@code
 * TARIFF_REGISTERS_DISAGREE_WITH_CALENDAR} warning, shown to the clerk on the review page.
 *
 * <p>Not thread-safe: one per push run; measurements of a meter must arrive in time order.
 */
final class TariffRegisters {
  /** The meter that misses its tariff switch. */
  static final String FAULTY_METER = "meter-0003";

  /** The local days (of the first demo month) whose nights the faulty meter stays in T1. */
  static final int[] FAULT_DAYS = {10, 11, 12, 13, 14};

  private static final String T0 = "ActiveEnergyTotalImportT0_Wh";
  private static final String T1 = "ActiveEnergyTotalImportT1_Wh";
  private static final String T2 = "ActiveEnergyTotalImportT2_Wh";
  private static final Duration STEP = Duration.ofMinutes(15);

  private final TariffCalendar calendar;
  private final ZoneId zone;
  private final Set<LocalDate> faultDates;

  /** Per meter: the last total, T1 and T2 seen, in thousandths of Wh. */
  private final Map<String, long[]> registers = new HashMap<>();

  TariffRegisters(TariffCalendar calendar, java.time.YearMonth firstMonth) {
    this.calendar = calendar;
    this.zone = calendar.zone();
    java.util.Set<LocalDate> dates = new java.util.HashSet<>();
    for (int day : FAULT_DAYS) {
      dates.add(firstMonth.atDay(day));
    }
    this.faultDates = Set.copyOf(dates);
  }

  /** The batch with every meter's T1/T2 registers rewritten to follow the calendar. */
  List<Measurement> apply(List<Measurement> batch) {
    return batch.stream().map(this::apply).toList();
  }

  private Measurement apply(Measurement m) {
    BigDecimal total = m.values().get(T0);
    if (total == null) {
      return m;
    }
    long totalMilli = milli(total);
    long[] state = registers.get(m.meterId());
    if (state == null) {
      long high = totalMilli / 3 * 2; // the meter's history before the demo: split 2:1
      state = new long[] {totalMilli, high, totalMilli - high};
      registers.put(m.meterId(), state);
    } else {
      long delta = totalMilli - state[0];
      Instant quarterStart = m.readAt().minus(STEP);
      if (high(m.meterId(), quarterStart)) {
        state[1] += delta;
      } else {
        state[2] += delta;
      }
      state[0] = totalMilli;
    }
    Map<String, BigDecimal> values = new HashMap<>(m.values());
    values.put(T1, BigDecimal.valueOf(state[1], 3));
    values.put(T2, BigDecimal.valueOf(state[2], 3));
    return new Measurement(m.meterId(), m.readAt(), values);
  }

  private boolean high(String meterId, Instant quarterStart) {
    boolean calendarHigh = calendar.isHigh(quarterStart);
    if (!calendarHigh && meterId.equals(FAULTY_METER)) {
      LocalDate day = quarterStart.atZone(zone).toLocalDate();
      return faultDates.contains(day);
    }
    return calendarHigh;
  }

  private static long milli(BigDecimal value) {
    return value.setScale(3, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }
}
