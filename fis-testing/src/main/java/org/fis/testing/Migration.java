package org.fis.testing;

import javax.sql.DataSource;

/**
 * Applies one module's schema to a database. Every FIS module has a {@code XxxMigrations} class
 * whose static {@code migrate(DataSource)} fits this shape, for example {@code
 * LedgerMigrations::migrate}.
 */
@FunctionalInterface
public interface Migration {
  /**
   * Applies the migrations.
   *
   * @param dataSource the database to migrate
   */
  void migrate(DataSource dataSource);

  /**
   * Adapts a class with a static {@code migrate(DataSource)} method, as named in {@link
   * FisPostgres#migrations()}.
   *
   * @param migrationsClass the class, for example {@code LedgerMigrations.class}
   * @return a migration that calls its static method
   * @throws IllegalArgumentException when the class has no such public static method
   */
  static Migration ofClass(Class<?> migrationsClass) {
    final java.lang.reflect.Method method;
    try {
      method = migrationsClass.getMethod("migrate", DataSource.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "migrations: " + migrationsClass.getName() + " has no public static migrate(DataSource)",
          e);
    }
    if (!java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(
          "migrations: " + migrationsClass.getName() + ".migrate(DataSource) is not static");
    }
    return dataSource -> {
      try {
        method.invoke(null, dataSource);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (java.lang.reflect.InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(e.getCause());
      }
    };
  }
}
