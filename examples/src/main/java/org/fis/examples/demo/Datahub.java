package org.fis.examples.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fis.accountingpoint.AccountingPointData;
import org.fis.accountingpoint.AccountingPointStore;
import org.fis.accountingpoint.AccountingPoints;
import org.fis.accountingpoint.AdapterConfig;
import org.fis.accountingpoint.ControllableUnits;
import org.fis.accountingpoint.EndUserPeriod;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.InMemorySyncMetrics;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.SyncEngine;
import org.fis.accountingpoint.SyncMetrics;
import org.fis.accountingpoint.SyncStatusReport;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.jdbi.v3.core.Jdbi;

/**
 * The accounting point part of the demo: a simulated datahub adapter over real HTTP, controllable
 * units registered by the host, and the sync engine bringing every accounting point in.
 */
final class Datahub {
  /** The adapter key of the demo; a real host reads it from its secret store. */
  static final String ADAPTER_KEY = org.fis.examples.DemoKeys.ADAPTER_KEY;

  /** Bound on sync rounds: each round syncs up to a batch of due accounting points. */
  private static final int ROUNDS_MAX = 10_000;

  private static final int BATCH_SIZE = 50;

  private Datahub() {}

  /**
   * Serves the accounting points from a simulator and syncs them all.
   *
   * @return the network user (end user business id) of each accounting point, by GSRN
   */
  static Map<Gsrn, String> syncAll(
      Jdbi jdbi,
      AdapterSimulator simulator,
      int count,
      Instant from,
      Clock clock,
      PrintStream out) {
    List<Gsrn> gsrns = simulator.generate(count, from);
    InMemorySyncMetrics metrics = new InMemorySyncMetrics();
    AccountingPoints points =
        AccountingPoints.create(
            SyncConfig.defaults().withBatchSize(BATCH_SIZE),
            jdbi,
            clock,
            metrics,
            AdapterConfig.defaults(simulator.baseUri(), ADAPTER_KEY));
    ControllableUnits units = points.units();
    // Data minimisation: the host syncs only accounting points that have controllable units.
    jdbi.useTransaction(
        h -> {
          for (int i = 0; i < gsrns.size(); i++) {
            units.register(h, gsrns.get(i), "cu-" + (i + 1), from);
          }
        });
    SyncEngine engine = points.engine();
    try (Progress progress = Progress.start(out, "Syncing accounting points", gsrns.size())) {
      for (int round = 0; round < ROUNDS_MAX; round++) {
        int synced = engine.syncDue(BATCH_SIZE).size();
        progress.advance(synced);
        if (synced == 0) {
          break;
        }
      }
    }
    SyncStatusReport status = jdbi.inTransaction(h -> points.status(h, 10));
    out.printf(
        "  synced %d, unchanged %d, failed %d; still due %d%n",
        metrics.count(SyncMetrics.Counter.SYNCED),
        metrics.count(SyncMetrics.Counter.UNCHANGED),
        metrics.count(SyncMetrics.Counter.FAILED),
        status.due());
    return networkUsers(jdbi, gsrns);
  }

  private static Map<Gsrn, String> networkUsers(Jdbi jdbi, List<Gsrn> gsrns) {
    Map<Gsrn, String> users = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    jdbi.useHandle(
        h -> {
          for (Gsrn gsrn : gsrns) {
            // An accounting point the sync did not bring in is left out; DemoChecks reports it.
            AccountingPointData data = AccountingPointStore.read(h, gsrn).orElse(null);
            if (data == null) {
              continue;
            }
            List<EndUserPeriod> endUsers = new ArrayList<>(data.endUsers());
            String user =
                endUsers.isEmpty()
                    ? "unknown-" + gsrn.value()
                    : endUsers.get(endUsers.size() - 1).businessId();
            users.put(gsrn, user);
          }
        });
    return users;
  }
}
