package org.fis.testing;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link FisPostgres}: creates one {@link TestDatabase} per test
 * class, lazily on first use, stores it in the class-level extension store so that JUnit closes
 * (drops) it after the class, and resolves parameters of type {@link TestDatabase}, {@link
 * DataSource} and {@link Jdbi}.
 */
public final class FisPostgresExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FisPostgresExtension.class);

  /** Creates the extension; JUnit does this through {@link FisPostgres}. */
  public FisPostgresExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestDatabase.class || type == DataSource.class || type == Jdbi.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestDatabase database = database(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == TestDatabase.class) {
      return database;
    }
    if (type == DataSource.class) {
      return database.dataSource();
    }
    if (type == Jdbi.class) {
      return database.jdbi();
    }
    throw new ParameterResolutionException("Unsupported parameter type " + type);
  }

  private static TestDatabase database(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    // JUnit closes AutoCloseable values of a store when its context ends: the database is
    // dropped after the test class.
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(testClass, key -> create(testClass), TestDatabase.class);
  }

  private static TestDatabase create(Class<?> testClass) {
    FisPostgres annotation = findAnnotation(testClass);
    List<Migration> migrations =
        annotation == null
            ? List.of()
            : Arrays.stream(annotation.migrations()).map(Migration::ofClass).toList();
    return TestDatabase.create(migrations);
  }

  private static FisPostgres findAnnotation(Class<?> testClass) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      FisPostgres annotation = type.getAnnotation(FisPostgres.class);
      if (annotation != null) {
        return annotation;
      }
    }
    return null;
  }
}
