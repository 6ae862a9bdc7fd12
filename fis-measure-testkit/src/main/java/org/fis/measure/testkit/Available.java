package org.fis.measure.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a generated phase, direction or tariff measure to the "full" shapes: every part
 * available, or wholly "not available" (the domain where the algebra's {@code add} is associative;
 * see {@link MeasureArbitraries#fullTariffs}): {@code @ForAll @Available TariffMeasure m}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface Available {}
