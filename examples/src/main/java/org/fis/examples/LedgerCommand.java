package org.fis.examples;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.fis.jobs.JobQueue;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Balance;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fis ledger …}: read the journal of a database (e.g. one a demo ran on). */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Read the ledger of a database.",
    subcommands = {LedgerCommand.BalanceCommand.class})
public final class LedgerCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli does this. */
  public LedgerCommand() {}

  /** Bare {@code fis ledger} is a usage error, as bare {@code fis} is. */
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing command: give one of " + spec.subcommands().keySet());
  }

  /** {@code fis ledger balance ACCOUNT… --jdbc-url …}: consistent balances of accounts. */
  @Command(
      name = "balance",
      mixinStandardHelpOptions = true,
      description =
          "Print the consistent balance (pending asynchronous tasks applied) of each account.")
  public static final class BalanceCommand implements Callable<Integer> {
    @Option(
        names = "--jdbc-url",
        required = true,
        description = "The database, e.g. one that 'fis demo --jdbc-url …' ran on.")
    String jdbcUrl;

    @Parameters(arity = "1..*", paramLabel = "ACCOUNT", description = "Account ids.")
    java.util.List<String> accounts;

    /** Creates the command; picocli does this. */
    public BalanceCommand() {}

    @Override
    public Integer call() {
      Ledger ledger =
          Ledger.create(
              LedgerConfig.defaults(),
              Clock.systemUTC(),
              AsyncBalanceJobs.queue(JobQueue.create()));
      try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
        System.out.printf("%-34s %-4s %16s %16s%n", "account", "cur", "debits", "credits");
        for (String account : accounts) {
          if (database.jdbi().withHandle(h -> ledger.findAccount(h, account)).isEmpty()) {
            System.err.println("fis: no account '" + account + "' in " + database.description());
            return 1;
          }
          Balance balance =
              database.jdbi().inTransaction(h -> ledger.consistentBalance(h, account));
          System.out.printf(
              "%-34s %-4s %16s %16s%n",
              account,
              balance.currency(),
              balance.debits().toPlainString(),
              balance.credits().toPlainString());
        }
      }
      return 0;
    }
  }
}
