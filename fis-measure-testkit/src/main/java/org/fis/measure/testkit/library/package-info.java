/**
 * The library's own law suites: fis-measure-math's operations checked with the kit's law
 * interfaces. {@link org.fis.measure.testkit.library.LibraryLaws#CONTAINERS} lists them for {@link
 * org.fis.measure.testkit.LawRunner} (the {@code fis laws} command); the kit's own build runs them
 * too.
 */
package org.fis.measure.testkit.library;
