package org.fis.examples;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.fis.accountingpoint.AccountingPoints;
import org.fis.accountingpoint.AdapterConfig;
import org.fis.accountingpoint.ControllableUnits;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.InMemorySyncMetrics;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.SyncEngine;
import org.fis.accountingpoint.SyncResult;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fis sync GSRN…}: registers a controllable unit for each accounting point and syncs it from
 * a datahub adapter (a simulated one unless {@code --adapter-url} is given).
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync accounting points from a datahub adapter (default: a simulated one on loopback).",
      "Each GSRN gets a controllable unit first: only such accounting points are kept."
    })
public final class SyncCommand implements Callable<Integer> {
  @Option(names = "--jdbc-url", description = "Use this PostgreSQL instead of an embedded one.")
  String jdbcUrl;

  @Option(names = "--adapter-url", description = "The adapter's base URL (default: simulated).")
  URI adapterUrl;

  @Option(
      names = "--adapter-key",
      description = "The adapter's Bearer key (default: the simulator's; or FIS_ADAPTER_KEY).")
  String adapterKey;

  @Parameters(
      arity = "0..*",
      paramLabel = "GSRN",
      description = "Accounting points (18 digits). Default: the simulator's first three.")
  List<String> gsrns;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli does this. */
  public SyncCommand() {}

  @Override
  public Integer call() throws Exception {
    Clock clock = Clock.systemUTC();
    AdapterSimulator simulator = null;
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      ModuleMigrations.migrateAll(database.dataSource(), System.out);
      URI base = adapterUrl;
      String key = adapterKey != null ? adapterKey : System.getenv("FIS_ADAPTER_KEY");
      if (base == null) {
        simulator = AdapterSimulator.start(DemoKeys.ADAPTER_KEY);
        simulator.generate(3, Instant.parse("2026-01-01T00:00:00Z"));
        base = simulator.baseUri();
        key = DemoKeys.ADAPTER_KEY;
      }
      if (key == null) {
        throw new IllegalArgumentException("--adapter-key: required with --adapter-url");
      }
      List<Gsrn> targets =
          gsrns == null || gsrns.isEmpty()
              ? List.of(
                  AdapterSimulator.gsrnAt(0),
                  AdapterSimulator.gsrnAt(1),
                  AdapterSimulator.gsrnAt(2))
              : parse(gsrns);
      InMemorySyncMetrics metrics = new InMemorySyncMetrics();
      AccountingPoints points =
          AccountingPoints.create(
              SyncConfig.defaults(),
              database.jdbi(),
              clock,
              metrics,
              AdapterConfig.defaults(base, key));
      SyncEngine engine = points.engine();
      ControllableUnits units = points.units();
      int failed = 0;
      for (Gsrn gsrn : targets) {
        database
            .jdbi()
            .useTransaction(h -> units.register(h, gsrn, "cli-" + gsrn.value(), clock.instant()));
        SyncResult result = engine.sync(gsrn);
        System.out.println(gsrn.value() + ": " + result);
        if (result instanceof SyncResult.Failed) {
          failed++;
        }
      }
      return failed == 0 ? 0 : 1;
    } finally {
      if (simulator != null) {
        simulator.close();
      }
    }
  }

  private List<Gsrn> parse(List<String> values) {
    try {
      return values.stream().map(Gsrn::of).toList();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
