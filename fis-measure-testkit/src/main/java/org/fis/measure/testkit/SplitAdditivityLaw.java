package org.fis.measure.testkit;

import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;

/**
 * The law "the measure of a period is the sum of the measures of its parts": for data over a period
 * (a load curve, a register series) split at any inner quarter hour, {@code measure(data, period)
 * == add(measure(data, left), measure(data, right))}.
 *
 * @param <D> the data type
 * @param <T> the measure type
 */
public interface SplitAdditivityLaw<D, T> {
  /**
   * The data, each over a quarter-hour aligned period of at least two quarter hours.
   *
   * @return the data
   */
  Arbitrary<D> data();

  /**
   * The period the data covers.
   *
   * @param data the data
   * @return its period
   */
  Interval periodOf(D data);

  /**
   * The host's measure of a part of the data's period.
   *
   * @param data the data
   * @param part a quarter-hour aligned part of its period
   * @return the measure
   */
  T measure(D data, Interval part);

  /**
   * How the measures of two adjacent parts combine.
   *
   * @param left the earlier part's measure
   * @param right the later part's measure
   * @return the combined measure
   */
  T add(T left, T right);

  /**
   * The provider the law property draws from: data split at an inner quarter hour.
   *
   * @return the splits
   */
  @Provide
  default Arbitrary<Split<D>> lawSplits() {
    return data()
        .filter(data -> QuarterHours.count(periodOf(data)) >= 2)
        .flatMap(
            data ->
                TimeArbitraries.splitPeriods(net.jqwik.api.Arbitraries.just(periodOf(data)))
                    .map(split -> new Split<>(data, split)));
  }

  /**
   * The property.
   *
   * @param split data and a split of its period
   */
  @Property
  default void measure_is_additive_over_split_periods(@ForAll("lawSplits") Split<D> split) {
    Laws.assertAdditiveOverSplit(part -> measure(split.data(), part), this::add, split.split());
  }

  /**
   * Data and a split of its period.
   *
   * @param data the data
   * @param split its period, split
   * @param <D> the data type
   */
  record Split<D>(D data, TimeArbitraries.SplitPeriod split) {
    /** Validates. */
    public Split {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(split, "split");
    }
  }
}
