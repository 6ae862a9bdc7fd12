package org.fis.springboot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fis.iot.DeviceConfig;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IngestResult;
import org.fis.iot.Measurement;
import org.fis.iot.MeasurementIngest;
import org.fis.iot.MeterModels;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Meter readings that arrive through the host's own channel (a file import, a message queue) rather
 * than the push endpoint: fis-iot-protocol's {@link MeasurementIngest} stores them and their
 * aggregates in the host's {@code @Transactional} method, beside the host's own row.
 */
@Service
public class MeterReadingService {
  private final Jdbi jdbi;
  private final DeviceRegistry devices;
  private final MeasurementIngest ingest;
  private final HostAudit audit;

  MeterReadingService(
      Jdbi jdbi, DeviceRegistry devices, MeasurementIngest ingest, HostAudit audit) {
    this.jdbi = jdbi;
    this.devices = devices;
    this.ingest = ingest;
    this.audit = audit;
  }

  /**
   * Registers a gateway with a key and its meters (ABB B2x models).
   *
   * @param deviceId the gateway
   * @param secret its secret
   * @param meterIds its meters
   */
  @Transactional
  public void registerGateway(String deviceId, String secret, List<String> meterIds) {
    jdbi.useHandle(
        h -> {
          devices.register(h, deviceId, Duration.ofMinutes(15));
          devices.addKey(h, deviceId, "k1", secret);
          devices.configure(
              h,
              deviceId,
              new DeviceConfig(
                  Duration.ofMinutes(1),
                  meterIds.stream()
                      .map(m -> new DeviceConfig.MeterAssignment(m, MeterModels.ABB_B2X, Map.of()))
                      .toList(),
                  List.of()));
        });
  }

  /**
   * Ingests a batch and records the host's import reference. A rejected or forbidden batch rolls
   * the transaction back (as {@link MeasurementIngest} asks) and records nothing.
   *
   * @param reference the host's import reference (unique)
   * @param deviceId the gateway that read the batch
   * @param measurements the batch
   * @return the outcome
   */
  @Transactional
  public IngestResult ingest(String reference, String deviceId, List<Measurement> measurements) {
    IngestResult result = jdbi.withHandle(h -> ingest.ingest(h, deviceId, measurements));
    if (!(result instanceof IngestResult.Stored stored)) {
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return result;
    }
    audit.record(reference, "readings", stored.stored() + " stored");
    return result;
  }
}
