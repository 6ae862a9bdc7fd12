package org.fis.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fis bench <area> [--quick] [--json]}: runs one benchmark area (DESIGN.md). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a benchmark: the suite against its baseline in the same run.",
      "Areas: measure, ingest, ingest-http, ledger, jobs, sync, billing."
    })
public final class BenchCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "AREA",
      description = "measure, ingest, ingest-http, ledger, jobs, sync or billing")
  String area;

  @Option(names = "--quick", description = "Same shape of work, about a minute on 2 cores.")
  boolean quick;

  @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli does this. */
  public BenchCommand() {}

  @Override
  public Integer call() throws Exception {
    Benchmark benchmark =
        Benchmarks.forArea(area)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Unknown benchmark area '"
                            + area
                            + "'. Choose one of: "
                            + String.join(", ", Benchmarks.areas())));
    BenchResult result = benchmark.run(new BenchContext(quick, System.out));
    System.out.printf(
        "%n%s: %.1f %s vs baseline (%s) %.1f: ratio %.3f (%s is better)%s%n",
        result.area(),
        result.value(),
        result.metric(),
        result.baseline(),
        result.baselineValue(),
        result.ratio(),
        result.better(),
        result.quick() ? " [quick]" : "");
    if (json) {
      System.out.println(toJson(result));
    }
    return 0;
  }

  static String toJson(BenchResult result) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = mapper.createObjectNode();
    node.put("area", result.area());
    node.put("metric", result.metric());
    node.put("value", result.value());
    node.put("baseline", result.baseline());
    node.put("baselineValue", result.baselineValue());
    node.put("ratio", result.ratio());
    node.put("better", result.better());
    node.put("quick", result.quick());
    node.set("details", mapper.valueToTree(result.details()));
    return node.toString();
  }
}
