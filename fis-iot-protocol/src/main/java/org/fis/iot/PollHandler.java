package org.fis.iot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fis.iot.internal.DeviceAuthenticator;
import org.fis.iot.internal.FailedAuthThrottle;
import org.fis.iot.internal.RequestAuth;
import org.fis.iot.internal.Responses;
import org.fis.iot.internal.Sql;
import org.fis.iot.internal.Transactions;
import org.jdbi.v3.core.Jdbi;

/**
 * The poll endpoint, framework-free: a device fetches its current configuration (protocol {@value
 * #PROTOCOL}) with an {@code ETag} version tag; {@code If-None-Match} with the current tag answers
 * 304 Not Modified. A successful poll counts as the device being seen.
 *
 * <p>Owns its transactions (takes a {@link Jdbi}). Thread-safe.
 */
public final class PollHandler {
  /** The poll protocol identifier. */
  public static final String PROTOCOL = "fis-iot-poll/1";

  private final Jdbi jdbi;
  private final Clock clock;
  private final IotConfig config;
  private final DeviceRegistry registry;
  private final DeviceAuthenticator authenticator;
  private final FailedAuthThrottle throttle;

  /**
   * Creates the handler.
   *
   * @param jdbi the database
   * @param clock the time source
   * @param config the configuration
   * @param registry the device registry
   */
  public PollHandler(Jdbi jdbi, Clock clock, IotConfig config, DeviceRegistry registry) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.authenticator = new DeviceAuthenticator(config.verifierCacheSizeMax());
    this.throttle = new FailedAuthThrottle(config.verifierCacheSizeMax());
  }

  /**
   * Handles one poll request.
   *
   * @param request the request (GET)
   * @return the response to send
   */
  public IotResponse handle(IotRequest request) {
    Objects.requireNonNull(request, "request");
    if (!request.method().equalsIgnoreCase("GET")) {
      return Responses.json(
          405,
          Responses.object().put("status", "method_not_allowed").put("reason", "use GET"),
          Map.of("Allow", "GET"));
    }
    String[] reason = new String[1];
    Optional<RequestAuth.Credentials> credentials = RequestAuth.read(request, reason);
    if (credentials.isEmpty()) {
      return Responses.error(401, "unauthorized", reason[0]);
    }
    String deviceId = credentials.get().deviceId();
    Optional<FailedAuthThrottle.Refused> refused = throttle.admit(deviceId, request.source());
    if (refused.isPresent()) {
      return Responses.throttled(refused.get());
    }
    try {
      IotResponse response =
          Transactions.run(
              jdbi,
              config.retryMax(),
              handle -> {
                DeviceAuthenticator.Outcome outcome =
                    authenticator.authenticate(
                        handle, deviceId, credentials.get().secret(), clock.instant());
                if (outcome != DeviceAuthenticator.Outcome.AUTHENTICATED) {
                  return new Transactions.Outcome<>(PushHandler.unauthorized(outcome), false);
                }
                handle
                    .createUpdate(
                        "UPDATE fis_iot.device SET last_seen_at = GREATEST(last_seen_at, :now) WHERE"
                            + " device_id = :id")
                    .bind("now", Sql.utc(clock.instant()))
                    .bind("id", deviceId)
                    .execute();
                Optional<DeviceRegistry.VersionedConfig> current =
                    registry.currentConfig(handle, deviceId);
                if (current.isEmpty()) {
                  return new Transactions.Outcome<>(
                      Responses.error(404, "not_configured", "the device has no configuration yet"),
                      true);
                }
                String etag = "\"" + current.get().version() + "\"";
                if (request.header("If-None-Match").map(etag::equals).orElse(false)) {
                  return new Transactions.Outcome<>(
                      new IotResponse(304, Map.of("ETag", etag), new byte[0]), true);
                }
                return new Transactions.Outcome<>(
                    configResponse(deviceId, current.get(), etag), true);
              });
      if (response.status() == 401) {
        throttle.failed(deviceId, request.source());
      } else {
        throttle.succeeded(deviceId, request.source());
      }
      return response;
    } catch (RuntimeException e) {
      return Responses.unavailable("the configuration could not be read; retry later");
    }
  }

  private static IotResponse configResponse(
      String deviceId, DeviceRegistry.VersionedConfig current, String etag) {
    ObjectNode body =
        Responses.object()
            .put("protocol", PROTOCOL)
            .put("deviceId", deviceId)
            .put("version", current.version())
            .put("validFrom", current.validFrom().toString());
    try {
      body.set(
          "config",
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(current.config().toJson()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IotException("cannot write the configuration of device " + deviceId, e);
    }
    return Responses.json(200, body, Map.of("ETag", etag));
  }
}
