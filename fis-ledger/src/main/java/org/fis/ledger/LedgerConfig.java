package org.fis.ledger;

/**
 * Configuration of a {@link Ledger}. Immutable.
 *
 * @param commandsPerCallMax most commands in one {@link Ledger#submit} call
 * @param tasksPerApplyMax most asynchronous balance tasks applied per round of {@link
 *     Ledger#applyPendingBalanceTasks}
 * @param rowsPerReadMax most rows any list-returning read returns (trial balance, children, closing
 *     balances, holds to expire)
 */
public record LedgerConfig(int commandsPerCallMax, int tasksPerApplyMax, int rowsPerReadMax) {
  /** Default for {@link #commandsPerCallMax()}. */
  public static final int COMMANDS_PER_CALL_MAX_DEFAULT = 10_000;

  /** Default for {@link #tasksPerApplyMax()}. */
  public static final int TASKS_PER_APPLY_MAX_DEFAULT = 5_000;

  /** Default for {@link #rowsPerReadMax()}. */
  public static final int ROWS_PER_READ_MAX_DEFAULT = 100_000;

  /** Validates every value. */
  public LedgerConfig {
    positive(commandsPerCallMax, "commandsPerCallMax");
    positive(tasksPerApplyMax, "tasksPerApplyMax");
    positive(rowsPerReadMax, "rowsPerReadMax");
  }

  /**
   * The defaults.
   *
   * @return the default configuration
   */
  public static LedgerConfig defaults() {
    return new LedgerConfig(
        COMMANDS_PER_CALL_MAX_DEFAULT, TASKS_PER_APPLY_MAX_DEFAULT, ROWS_PER_READ_MAX_DEFAULT);
  }

  /**
   * With another {@link #commandsPerCallMax()}.
   *
   * @param value the value
   * @return a new configuration
   */
  public LedgerConfig withCommandsPerCallMax(int value) {
    return new LedgerConfig(value, tasksPerApplyMax, rowsPerReadMax);
  }

  /**
   * With another {@link #tasksPerApplyMax()}.
   *
   * @param value the value
   * @return a new configuration
   */
  public LedgerConfig withTasksPerApplyMax(int value) {
    return new LedgerConfig(commandsPerCallMax, value, rowsPerReadMax);
  }

  /**
   * With another {@link #rowsPerReadMax()}.
   *
   * @param value the value
   * @return a new configuration
   */
  public LedgerConfig withRowsPerReadMax(int value) {
    return new LedgerConfig(commandsPerCallMax, tasksPerApplyMax, value);
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }
}
