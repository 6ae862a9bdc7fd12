package org.fis.examples;

import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.fis.examples.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fis} command line: the suite's modules composed in one host application. Started by
 * the {@code ./fis} launcher at the repository root.
 */
@Command(
    name = "fis",
    mixinStandardHelpOptions = true,
    version = "fis 0.1.0-SNAPSHOT",
    description = "The FIS library suite, composed in one host on an embedded PostgreSQL.",
    subcommands = {
      DemoCommand.class,
      MigrateCommand.class,
      SyncCommand.class,
      BillCommand.class,
      ServeCommand.class,
      LedgerCommand.class,
      LawsCommand.class,
      BenchCommand.class
    })
public final class FisCli implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Creates the root command; picocli does this. */
  public FisCli() {}

  /**
   * Runs the CLI and exits with its exit code: 0 success, 1 failure, 2 usage error.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the CLI without exiting, for tests.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Runs the CLI without exiting, printing to the given writers, for tests.
   *
   * @param out standard output
   * @param err standard error
   * @param args the command line
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    int exitCode = commandLine.execute(args);
    out.flush();
    err.flush();
    return exitCode;
  }

  /**
   * The configured command line (every subcommand, the value converters, the failure handler).
   *
   * @return a new command line
   */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new FisCli());
    commandLine.setExecutionExceptionHandler(FisCli::reportFailure);
    // Registered after the subcommands, so they apply to every option of these types.
    commandLine.registerConverter(YearMonth.class, FisCli::yearMonth);
    commandLine.registerConverter(ZoneId.class, FisCli::zoneId);
    return commandLine;
  }

  /**
   * Bare {@code fis} is a usage error (picocli's convention for a missing subcommand): the usage
   * goes to standard error and the exit code is 2, so a script that forgot the command fails.
   */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: give one of " + spec.subcommands().keySet());
  }

  /** A month in {@code yyyy-MM}; picocli names the option in front of the message. */
  static YearMonth yearMonth(String value) {
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a month: expected yyyy-MM with a month 01-12, e.g. 2026-10");
    }
  }

  /** A time zone id such as {@code Europe/Zagreb}. */
  static ZoneId zoneId(String value) {
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a time zone: expected a region id such as Europe/Zagreb or UTC");
    }
  }

  /** Prints a failure as one clear line (the cause chain's messages), not a stack trace. */
  private static int reportFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    StringBuilder message = new StringBuilder("fis: ").append(failure.getMessage());
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    err.println(message);
    if (System.getenv("FIS_DEBUG") != null) {
      failure.printStackTrace(err);
    } else {
      err.println("(set FIS_DEBUG=1 for the stack trace)");
    }
    return 1;
  }
}
