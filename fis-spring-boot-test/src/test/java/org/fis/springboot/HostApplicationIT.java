package org.fis.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.fis.accountingpoint.ControllableUnits;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.iot.IngestResult;
import org.fis.iot.IotRequest;
import org.fis.iot.IotResponse;
import org.fis.iot.Measurement;
import org.fis.iot.PushHandler;
import org.fis.ledger.Ledger;
import org.fis.micrometer.JobProcessorMetrics;
import org.fis.micrometer.MicrometerIngestMetrics;
import org.fis.micrometer.MicrometerLedgerMetrics;
import org.fis.micrometer.MicrometerSyncMetrics;
import org.fis.testing.Await;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Spring Boot host, started for real: Boot's Flyway and the suite's migrations at start-up on
 * the embedded PostgreSQL, the module calls inside {@code @Transactional} service methods, host
 * rollbacks that take the module writes with them, and the module metrics in Boot's registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class HostApplicationIT {
  private static final Instant SYNC_FROM = Instant.parse("2024-01-01T00:00:00Z");
  private static final String SECRET = "a-long-random-gateway-secret";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    HostDatabase.register(registry);
  }

  @BeforeAll
  static void datahub() {
    HostDatabase.DATAHUB.generate(10, SYNC_FROM);
  }

  @Autowired BillingService billing;
  @Autowired MeterReadingService readings;
  @Autowired AccountingPointService accountingPoints;
  @Autowired HostAudit audit;
  @Autowired Jdbi jdbi;
  @Autowired Ledger ledger;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired PushHandler push;
  @Autowired MeterRegistry registry;

  @BeforeEach
  void books() {
    billing.openBooks();
  }

  private int invoices(String networkUser) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM fis_billing.invoice WHERE network_user_id = ?",
        Integer.class,
        networkUser);
  }

  private BigDecimal receivableDebits() {
    return jdbi.withHandle(h -> ledger.balance(h, "receivable").debits());
  }

  private long rawMeasurements(String meterId) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM fis_iot.raw_measurement WHERE meter_id = ?", Long.class, meterId);
  }

  private static List<Measurement> readings(String meterId, long firstWh, long secondWh) {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    return List.of(
        new Measurement(
            meterId, hour, Map.of("ActiveEnergyTotalImportT0_Wh", BigDecimal.valueOf(firstWh))),
        new Measurement(
            meterId,
            hour.plus(Duration.ofMinutes(15)),
            Map.of("ActiveEnergyTotalImportT0_Wh", BigDecimal.valueOf(secondWh))));
  }

  @Test
  void boots_flyway_migrated_the_hosts_scripts_and_each_module_its_own_schema() {
    List<String> hostScripts =
        jdbc.queryForList(
            "SELECT script FROM public.flyway_schema_history WHERE success ORDER BY installed_rank",
            String.class);
    assertThat(hostScripts).containsExactly("V1__host_audit.sql");
    for (String schema :
        List.of("fis_iot", "fis_billing", "fis_jobs", "fis_ledger", "fis_accountingpoint")) {
      Integer applied =
          jdbc.queryForObject(
              "SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE success",
              Integer.class);
      assertThat(applied).as(schema).isPositive();
    }
  }

  @Test
  void billing_and_posting_commit_with_the_hosts_row() {
    BigDecimal before = receivableDebits();

    IssuedInvoice issued = billing.bill("order-commit", Bills.january("user-commit"));

    assertThat(invoices("user-commit")).isEqualTo(1);
    assertThat(audit.exists("order-commit")).isTrue();
    assertThat(receivableDebits().subtract(before))
        .isEqualByComparingTo(issued.invoice().grossTotal());
  }

  @Test
  void a_failing_host_step_rolls_back_the_invoice_its_number_and_the_posting() {
    IssuedInvoice first = billing.bill("order-twice", Bills.january("user-first"));
    BigDecimal before = receivableDebits();

    // The host's insert fails (its order id is taken) after both module calls succeeded.
    assertThatThrownBy(() -> billing.bill("order-twice", Bills.january("user-second")))
        .isInstanceOf(DuplicateKeyException.class);

    assertThat(invoices("user-second")).isZero();
    assertThat(receivableDebits()).isEqualByComparingTo(before);
    // Gapless numbering: the rolled-back invoice's number is given to the next one.
    IssuedInvoice next = billing.bill("order-next", Bills.january("user-next"));
    assertThat(next.sequence()).isEqualTo(first.sequence() + 1);
  }

  @Test
  void readings_commit_with_the_hosts_row_and_a_rejected_batch_leaves_nothing() {
    readings.registerGateway("gw-ingest", SECRET, List.of("meter-ingest"));

    IngestResult stored =
        readings.ingest("import-1", "gw-ingest", readings("meter-ingest", 10, 20));
    IngestResult conflict =
        readings.ingest("import-2", "gw-ingest", readings("meter-ingest", 10, 25));

    assertThat(stored).isInstanceOf(IngestResult.Stored.class);
    assertThat(conflict).isInstanceOf(IngestResult.Rejected.class);
    assertThat(rawMeasurements("meter-ingest")).isEqualTo(2);
    assertThat(audit.exists("import-1")).isTrue();
    assertThat(audit.exists("import-2")).isFalse();
  }

  @Test
  void registering_a_unit_commits_and_then_syncs_its_accounting_point() {
    Gsrn gsrn = AdapterSimulator.gsrnAt(1);

    ControllableUnits.Registration registration =
        accountingPoints.register("unit-1", gsrn, "cu-1", SYNC_FROM);

    assertThat(registration).isEqualTo(ControllableUnits.Registration.REGISTERED);
    assertThat(accountingPoints.find(gsrn)).isEqualTo(HostDatabase.DATAHUB.get(gsrn));
  }

  @Test
  void a_host_transaction_that_rolls_back_takes_every_module_write_with_it() {
    readings.registerGateway("gw-rollback", SECRET, List.of("meter-rollback"));
    Gsrn gsrn = AdapterSimulator.gsrnAt(2);
    int datahubRequests = HostDatabase.DATAHUB.requestCount(gsrn);
    BigDecimal receivableBefore = receivableDebits();
    TransactionTemplate host = new TransactionTemplate(transactions);

    host.executeWithoutResult(
        status -> {
          billing.bill("order-rollback", Bills.january("user-rollback"));
          readings.ingest("import-rollback", "gw-rollback", readings("meter-rollback", 5, 7));
          accountingPoints.register("unit-rollback", gsrn, "cu-rollback", SYNC_FROM);
          assertThat(invoices("user-rollback")).isEqualTo(1); // visible inside
          status.setRollbackOnly();
        });

    assertThat(invoices("user-rollback")).isZero();
    assertThat(receivableDebits()).isEqualByComparingTo(receivableBefore);
    assertThat(rawMeasurements("meter-rollback")).isZero();
    assertThat(accountingPoints.find(gsrn)).isEmpty();
    assertThat(HostDatabase.DATAHUB.requestCount(gsrn)).isEqualTo(datahubRequests);
    for (String reference : List.of("order-rollback", "import-rollback", "unit-rollback")) {
      assertThat(audit.exists(reference)).as(reference).isFalse();
    }
  }

  @Test
  void a_push_through_the_handler_bean_commits_on_its_own() {
    readings.registerGateway("gw-push", SECRET, List.of("meter-push"));
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    String body =
        "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\"gw-push\",\"sentAt\":\""
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\",\"measurements\":[{\"meterId\":\"meter-push\",\"readAt\":\""
            + hour
            + "\",\"values\":{\"ActiveEnergyTotalImportT0_Wh\":100}}]}";

    IotResponse response =
        push.handle(
            new IotRequest(
                "POST",
                "/iot/v1/push",
                Map.of(
                    "Content-Type", List.of("application/json"),
                    "X-Fis-Device-Id", List.of("gw-push"),
                    "Authorization", List.of("Bearer " + SECRET)),
                body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    assertThat(rawMeasurements("meter-push")).isEqualTo(1);
  }

  @Test
  void the_module_metrics_are_in_boots_meter_registry() {
    readings.registerGateway("gw-metrics", SECRET, List.of("meter-metrics"));
    readings.ingest("import-metrics", "gw-metrics", readings("meter-metrics", 1, 2));
    billing.bill("order-metrics", Bills.january("user-metrics"));
    accountingPoints.register("unit-metrics", AdapterSimulator.gsrnAt(3), "cu-m", SYNC_FROM);

    assertThat(
            registry
                .get(MicrometerLedgerMetrics.COMMANDS)
                .tag("outcome", "posted")
                .counter()
                .count())
        .isPositive();
    assertThat(
            registry
                .get(MicrometerIngestMetrics.MEASUREMENTS)
                .tag("outcome", "stored")
                .counter()
                .count())
        .isPositive();
    assertThat(
            registry
                .get(MicrometerSyncMetrics.SYNCS)
                .tags("outcome", "synced", "datahub", "simulator")
                .counter()
                .count())
        .isPositive();
    // Revenue is an asynchronous account: the posting enqueued a balance job for the processor.
    Await.until(
        "the revenue balance job",
        Duration.ofSeconds(30),
        () ->
            registry
                    .get(JobProcessorMetrics.ATTEMPTS)
                    .tag("outcome", "succeeded")
                    .functionCounter()
                    .count()
                > 0);
  }
}
