package org.fis.accountingpoint.internal;

import java.util.Objects;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Loads the DAOs' SQL from {@code .sql} files beside them with Jdbi's classpath SQL locator ({@code
 * org/fis/accountingpoint/internal/<Dao>/<name>.sql}), comments removed. Every DAO loads its
 * statements once, into constants; nothing is assembled per call. Thread-safe.
 */
final class Sql {
  private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();

  private Sql() {}

  /** The statement {@code name} of {@code owner}. */
  static String of(Class<?> owner, String name) {
    return Objects.requireNonNull(LOCATOR.locate(owner, name), name);
  }

  /**
   * A statement template with one {@code <marker>} replaced by a fixed identifier, at load time.
   */
  static String of(Class<?> owner, String name, String marker, String identifier) {
    if (!identifier.matches("^[a-z0-9_ ,:|'().]+$")) {
      throw new AssertionError("not a fixed SQL fragment: " + identifier);
    }
    return of(owner, name).replace("<" + marker + ">", identifier);
  }
}
