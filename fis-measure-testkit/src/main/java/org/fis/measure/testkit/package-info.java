/**
 * The property-based test harness of fis-measure-math, for hosts (test scope): jqwik arbitraries
 * for every measure value ({@link org.fis.measure.testkit.MeasureArbitraries}, {@link
 * org.fis.measure.testkit.TimeArbitraries}), realistic meter generators ({@link
 * org.fis.measure.testkit.MeterArbitraries}), default generation for {@code @ForAll} ({@link
 * org.fis.measure.testkit.MeasureArbitraryProvider}, {@link org.fis.measure.testkit.MeasureDomain})
 * and law suites a host applies to its own operations ({@link
 * org.fis.measure.testkit.AssociativityLaw} and the others, {@link org.fis.measure.testkit.Laws},
 * {@link org.fis.measure.testkit.LawRunner}).
 */
package org.fis.measure.testkit;
