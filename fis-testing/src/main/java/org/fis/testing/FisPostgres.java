package org.fis.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class its own fresh PostgreSQL database with the named module migrations
 * applied. Test constructors, lifecycle methods and test methods may declare parameters of type
 * {@link TestDatabase}, {@link javax.sql.DataSource} or {@link org.jdbi.v3.core.Jdbi}.
 *
 * <pre>{@code
 * @FisPostgres(migrations = LedgerMigrations.class)
 * class LedgerIT {
 *   @Test
 *   void posts(Jdbi jdbi) { ... }
 * }
 * }</pre>
 *
 * <p>jqwik properties do not run Jupiter extensions: use {@link TestDatabase#create} there.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FisPostgresExtension.class)
public @interface FisPostgres {
  /**
   * Classes with a public static {@code migrate(DataSource)} method, applied in this order.
   *
   * @return the migration classes
   */
  Class<?>[] migrations() default {};
}
