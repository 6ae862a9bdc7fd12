package org.fis.measure.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.fis.measure.MeasureKind;

/**
 * Chooses the kind of a generated measure or quantity: {@code @ForAll @OfKind(MeasureKind.VOLTAGE)
 * PhaseMeasure v}. Without it, measures are {@link MeasureArbitraries#DEFAULT_KIND} (so two of them
 * can be added) and quantities are of any kind.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface OfKind {
  /**
   * The kind.
   *
   * @return the kind
   */
  MeasureKind value();
}
