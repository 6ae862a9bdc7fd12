package org.fis.springboot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import javax.sql.DataSource;
import org.fis.accountingpoint.AccountingPoints;
import org.fis.accountingpoint.AdapterConfig;
import org.fis.accountingpoint.ControllableUnits;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.SyncEngine;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssuerConfig;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IotConfig;
import org.fis.iot.MeasurementIngest;
import org.fis.iot.MeterModels;
import org.fis.iot.PushHandler;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobQueue;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.micrometer.JobProcessorMetrics;
import org.fis.micrometer.MicrometerIngestMetrics;
import org.fis.micrometer.MicrometerLedgerMetrics;
import org.fis.micrometer.MicrometerSyncMetrics;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The FIS modules as Spring beans on Boot's {@code DataSource} and {@code MeterRegistry}.
 *
 * <p>Two kinds of Jdbi, on purpose. The {@link Jdbi} bean sits on a {@link
 * TransactionAwareDataSourceProxy}: inside a {@code @Transactional} method it hands the modules the
 * connection Spring bound to the thread, so module writes commit or roll back with the host's
 * transaction (and with its {@code JdbcTemplate} statements). The components that own their
 * transactions (the sync engine, the job processor, the push handler) get a plain {@code
 * Jdbi.create(dataSource)} instead: they commit on their own, and must never join a host
 * transaction (the sync engine commits its claim before it calls the adapter over HTTP).
 */
@Configuration(proxyBeanMethods = false)
public class FisModules {
  /** The zone of billing periods and tariff windows. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Zagreb");

  /**
   * The time source of every module.
   *
   * @return the system clock in UTC
   */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  FisSchema fisSchema(DataSource dataSource) {
    return FisSchema.migrate(dataSource);
  }

  @Bean
  Jdbi jdbi(DataSource dataSource, FisSchema schema) {
    return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource));
  }

  @Bean
  MicrometerLedgerMetrics ledgerMetrics(MeterRegistry registry) {
    return MicrometerLedgerMetrics.create(registry, Tags.empty());
  }

  @Bean
  MicrometerIngestMetrics ingestMetrics(MeterRegistry registry) {
    return MicrometerIngestMetrics.create(registry, Tags.empty());
  }

  @Bean
  MicrometerSyncMetrics syncMetrics(MeterRegistry registry) {
    return MicrometerSyncMetrics.create(registry, Tags.of("datahub", "simulator"));
  }

  @Bean
  JobQueue jobQueue() {
    return JobQueue.create();
  }

  @Bean
  Ledger ledger(Clock clock, JobQueue jobQueue, MicrometerLedgerMetrics metrics) {
    return Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(jobQueue), metrics);
  }

  @Bean(destroyMethod = "close")
  JobProcessor jobProcessor(
      DataSource dataSource,
      FisSchema schema,
      Ledger ledger,
      @Value("${fis.jobs.poll-interval-millis:500}") long pollIntervalMillis) {
    JobProcessor processor =
        JobProcessor.create(
            Jdbi.create(dataSource),
            JobProcessorConfig.defaults().withPollInterval(Duration.ofMillis(pollIntervalMillis)));
    AsyncBalanceJobs.register(processor, ledger);
    processor.start();
    return processor;
  }

  /** Boot binds every {@code MeterBinder} bean to its registry. */
  @Bean
  JobProcessorMetrics jobProcessorMetrics(JobProcessor processor) {
    return JobProcessorMetrics.of(processor, Tags.empty());
  }

  @Bean
  InvoiceIssuer invoiceIssuer(Clock clock) {
    return InvoiceIssuer.create(
        InvoiceCalculator.create(
            CalculatorConfig.defaults().withCalendar(TariffCalendar.defaults().withZone(ZONE))),
        IssuerConfig.defaults(),
        clock,
        UUID::randomUUID);
  }

  @Bean
  IotConfig iotConfig() {
    return IotConfig.defaults().withZone(ZONE);
  }

  @Bean
  MeterModels meterModels() {
    return MeterModels.builtIn();
  }

  @Bean
  DeviceRegistry deviceRegistry(Clock clock, IotConfig config, MeterModels models) {
    return new DeviceRegistry(clock, config, models, new SecureRandom());
  }

  @Bean
  MeasurementIngest measurementIngest(
      Clock clock, IotConfig config, MeterModels models, MicrometerIngestMetrics metrics) {
    return new MeasurementIngest(clock, config, models, metrics);
  }

  /** The push endpoint's handler; the host's web layer hands it each request. */
  @Bean
  PushHandler pushHandler(
      DataSource dataSource,
      FisSchema schema,
      Clock clock,
      IotConfig config,
      MeterModels models,
      MicrometerIngestMetrics metrics) {
    return new PushHandler(Jdbi.create(dataSource), clock, config, models, metrics);
  }

  /** The accounting point module's front door: its parts own their transactions. */
  @Bean
  AccountingPoints accountingPoints(
      DataSource dataSource,
      FisSchema schema,
      Clock clock,
      MicrometerSyncMetrics metrics,
      @Value("${fis.accountingpoint.adapter-url}") URI adapterUrl,
      @Value("${fis.accountingpoint.api-key}") String apiKey) {
    return AccountingPoints.create(
        SyncConfig.defaults(),
        Jdbi.create(dataSource),
        clock,
        metrics,
        AdapterConfig.defaults(adapterUrl, apiKey));
  }

  @Bean
  ControllableUnits controllableUnits(AccountingPoints accountingPoints) {
    return accountingPoints.units();
  }

  @Bean
  SyncEngine syncEngine(AccountingPoints accountingPoints) {
    return accountingPoints.engine();
  }
}
