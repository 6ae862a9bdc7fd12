package org.fis.examples;

import java.io.PrintWriter;
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
    CommandLine commandLine = new CommandLine(new FisCli());
    commandLine.setExecutionExceptionHandler(FisCli::reportFailure);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
