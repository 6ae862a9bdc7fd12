package org.fis.iot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.fis.iot.internal.DeviceAuthenticator;
import org.fis.iot.internal.FailedAuthThrottle;
import org.fis.iot.internal.IngestEngine;
import org.fis.iot.internal.PushParser;
import org.fis.iot.internal.RequestAuth;
import org.fis.iot.internal.Responses;
import org.fis.iot.internal.Transactions;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push endpoint, framework-free: the host passes the request (method, headers, body bytes) and
 * sends back the returned status, headers and body. Protocol {@value PushParser#PROTOCOL} (JSON
 * Schema {@code org/fis/iot/iot-push-protocol.schema.json}).
 *
 * <p>Authenticates the device ({@code X-Fis-Device-Id} and {@code Authorization: Bearer <secret>}),
 * parses and validates the body, and stores the batch in its own transaction, which it commits
 * before answering 200: an acknowledgment means the data is durable. Bad input always yields a 4xx
 * with a JSON body {@code {"status", "reason", "errors": [{"index", "field", "reason"}]}} and
 * stores nothing (with the partial policy: nothing of the rejected measurements). Only
 * infrastructure failures yield 503, with a {@code Retry-After}: nothing was stored, retry later.
 *
 * <p>Owns its transactions (takes a {@link Jdbi}). Thread-safe.
 */
public final class PushHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PushHandler.class);

  private final Jdbi jdbi;
  private final Clock clock;
  private final IotConfig config;
  private final PushParser parser;
  private final MeasurementIngest ingest;
  private final DeviceAuthenticator authenticator;
  private final FailedAuthThrottle throttle;
  private final IngestMetrics metrics;

  /**
   * Creates the handler.
   *
   * @param jdbi the database
   * @param clock the time source
   * @param config the configuration
   * @param models the accepted meter models
   */
  public PushHandler(Jdbi jdbi, Clock clock, IotConfig config, MeterModels models) {
    this(jdbi, clock, config, models, IngestMetrics.NONE);
  }

  /**
   * Creates the handler with a metrics sink.
   *
   * @param jdbi the database
   * @param clock the time source
   * @param config the configuration
   * @param models the accepted meter models
   * @param metrics told about every push and its batch ({@link IngestMetrics#NONE} for none)
   */
  public PushHandler(
      Jdbi jdbi, Clock clock, IotConfig config, MeterModels models, IngestMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.parser = new PushParser(config);
    this.ingest = new MeasurementIngest(clock, config, models);
    this.authenticator = new DeviceAuthenticator(config.verifierCacheSizeMax());
    this.throttle = new FailedAuthThrottle(config.verifierCacheSizeMax());
    LOG.info("fis-iot push handler: {}", config);
  }

  /**
   * Handles one push request.
   *
   * @param request the request
   * @return the response to send
   */
  public IotResponse handle(IotRequest request) {
    Objects.requireNonNull(request, "request");
    long started = System.nanoTime();
    IotResponse response = answer(request, started);
    metrics.pushed(response.status(), Duration.ofNanos(System.nanoTime() - started));
    return response;
  }

  private IotResponse answer(IotRequest request, long started) {
    if (!request.method().equalsIgnoreCase("POST")) {
      return Responses.json(
          405,
          Responses.object().put("status", "method_not_allowed").put("reason", "use POST"),
          java.util.Map.of("Allow", "POST"));
    }
    if (request.body().length > config.bodyBytesMax()) {
      return Responses.error(413, "too_large", "body exceeds " + config.bodyBytesMax() + " bytes");
    }
    Optional<String> unsupported = unsupportedMediaType(request.header("Content-Type"));
    if (unsupported.isPresent()) {
      return Responses.error(415, "unsupported_media_type", unsupported.get());
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
    PushParser.Parsed parsed = parser.parse(request.body());
    if (parsed.batchBroken()) {
      return Responses.errors(
          400, "malformed", "the body does not follow " + PushParser.PROTOCOL, parsed.errors());
    }
    if (!parsed.deviceId().equals(credentials.get().deviceId())) {
      return Responses.error(
          403, "forbidden", "deviceId in the body differs from the authenticated device");
    }
    try {
      Answer answer =
          Transactions.run(
              jdbi,
              config.retryMax(),
              handle -> {
                IngestEngine.Authenticated outcome =
                    ingest
                        .engine()
                        .authenticateAndIngest(
                            handle,
                            authenticator,
                            credentials.get().deviceId(),
                            credentials.get().secret(),
                            parsed.measurements(),
                            parsed.errors(),
                            config.batchPolicy());
                if (outcome.outcome() != DeviceAuthenticator.Outcome.AUTHENTICATED) {
                  return new Transactions.Outcome<>(
                      new Answer(unauthorized(outcome.outcome()), null), false);
                }
                IngestResult result = outcome.result();
                return new Transactions.Outcome<>(
                    new Answer(respond(result), result), result instanceof IngestResult.Stored);
              });
      if (answer.result() == null) {
        throttle.failed(deviceId, request.source());
      } else {
        throttle.succeeded(deviceId, request.source());
        // Reported after the commit, once per push (not per retried attempt).
        metrics.ingested(answer.result(), Duration.ofNanos(System.nanoTime() - started));
      }
      return answer.response();
    } catch (RuntimeException e) {
      LOG.warn("push of device {} failed", credentials.get().deviceId(), e);
      return Responses.unavailable(
          "the measurements could not be stored; nothing was stored, retry later");
    }
  }

  /** A push's answer and, when the device was authenticated, its batch's outcome. */
  private record Answer(IotResponse response, IngestResult result) {}

  static IotResponse unauthorized(DeviceAuthenticator.Outcome outcome) {
    String reason =
        outcome == DeviceAuthenticator.Outcome.NO_VALID_KEY
            ? "the device has no valid key"
            : "unknown device or wrong secret";
    return Responses.error(401, "unauthorized", reason);
  }

  private static IotResponse respond(IngestResult result) {
    if (result instanceof IngestResult.Stored stored) {
      ObjectNode body =
          Responses.object()
              .put("status", stored.rejected().isEmpty() ? "stored" : "partially_stored")
              .put("stored", stored.stored())
              .put("duplicates", stored.duplicates());
      body.set("errors", Responses.errorArray(stored.rejected()));
      return Responses.json(200, body);
    }
    if (result instanceof IngestResult.Rejected rejected) {
      return Responses.errors(
          rejected.conflict() ? 409 : 422,
          rejected.conflict() ? "conflict" : "invalid",
          "nothing was stored: " + rejected.errors().size() + " error(s)",
          rejected.errors());
    }
    if (result instanceof IngestResult.Forbidden forbidden) {
      ObjectNode body =
          Responses.object()
              .put("status", "forbidden")
              .put("reason", "the device may not push meters " + forbidden.meterIds());
      return Responses.json(403, body);
    }
    throw new AssertionError(result);
  }

  /**
   * Why a Content-Type is refused, or empty when it is {@code application/json} with no charset or
   * charset UTF-8 (the body is read as UTF-8; {@code application/jsonp} or {@code charset=utf-16}
   * used to pass a prefix test and be read wrongly).
   */
  static Optional<String> unsupportedMediaType(Optional<String> header) {
    String value = header.orElse("");
    String[] parts = value.split(";", -1);
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return Optional.of("Content-Type must be application/json, was '" + shorten(value) + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals).trim();
      if (!name.equalsIgnoreCase("charset")) {
        continue;
      }
      String charset = equals < 0 ? "" : parameter.substring(equals + 1).trim().replace("\"", "");
      if (!charset.equalsIgnoreCase("utf-8")) {
        return Optional.of(
            "Content-Type charset must be utf-8 (or absent), was '" + shorten(charset) + "'");
      }
    }
    return Optional.empty();
  }

  private static String shorten(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
