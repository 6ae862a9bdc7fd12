package org.fis.examples.bench;

import java.io.PrintStream;
import java.util.Objects;
import org.fis.testing.Migration;
import org.fis.testing.TestDatabase;

/**
 * What a {@link Benchmark} gets from the CLI.
 *
 * @param quick {@code true} for {@code --quick}: the same shape of work, finishing in about a
 *     minute on a 2-core machine
 * @param out where the human-readable table goes (standard output)
 */
public record BenchContext(boolean quick, PrintStream out) {
  /** Validates the context. */
  public BenchContext {
    Objects.requireNonNull(out, "out");
  }

  /**
   * A fresh database with the given module migrations applied, on the embedded PostgreSQL (or the
   * server named by {@code FIS_TEST_JDBC_URL}). Close it to drop it.
   *
   * @param migrations the module migrations, e.g. {@code LedgerMigrations::migrate}
   * @return the database
   */
  public TestDatabase freshDatabase(Migration... migrations) {
    return TestDatabase.create(migrations);
  }
}
