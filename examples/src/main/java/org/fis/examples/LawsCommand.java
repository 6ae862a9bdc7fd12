package org.fis.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.fis.measure.testkit.LawRunReport;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.library.LibraryLaws;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fis laws [--tries N] [--seed S]}: runs fis-measure-testkit's law suites against
 * fis-measure-math itself (associativity, commutativity and identity of add on each layer,
 * idempotent re-delivery of composite alternatives, additivity of load-curve sums over split
 * periods) on the jqwik engine, and prints what was checked. A failure prints the smallest failing
 * case jqwik shrank to; the exit code is then 1. No database.
 */
@Command(
    name = "laws",
    mixinStandardHelpOptions = true,
    description = {
      "Check the measure algebra's laws with fis-measure-testkit (property-based, shrinking).",
      "The same seed checks the same cases."
    })
public final class LawsCommand implements Callable<Integer> {
  /**
   * jqwik logs an INFO line per law when its edge cases outnumber the tries; the report says what
   * was checked, so the command keeps jqwik's log to warnings (a strong reference keeps the level).
   */
  private static final Logger JQWIK_LOG = Logger.getLogger("net.jqwik");

  /** The default number of tries per law. */
  public static final int TRIES_DEFAULT = 1000;

  @Option(
      names = "--tries",
      description = "Tries per law, 1.." + LawRunner.TRIES_MAX + " (default: ${DEFAULT-VALUE}).")
  int tries = TRIES_DEFAULT;

  @Option(names = "--seed", description = "The random seed (default: a new one, printed).")
  Long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli does this. */
  public LawsCommand() {}

  @Override
  public Integer call() {
    if (tries < 1 || tries > LawRunner.TRIES_MAX) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--tries: must be 1.." + LawRunner.TRIES_MAX + ", got " + tries);
    }
    JQWIK_LOG.setLevel(Level.WARNING);
    long chosenSeed = seed != null ? seed : RandomGenerator.getDefault().nextLong();
    LawRunReport report = LawRunner.run(LibraryLaws.CONTAINERS, tries, chosenSeed);
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.describe());
    out.printf("rerun: fis laws --tries %d --seed %d%n", tries, chosenSeed);
    out.flush();
    return report.passed() ? 0 : 1;
  }
}
