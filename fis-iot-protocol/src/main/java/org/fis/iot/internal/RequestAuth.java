package org.fis.iot.internal;

import java.util.Optional;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IotRequest;

/** Reads the device credentials of a request: {@code X-Fis-Device-Id} and a bearer secret. */
public final class RequestAuth {
  /** The header naming the device. */
  public static final String DEVICE_HEADER = "X-Fis-Device-Id";

  private static final String BEARER = "Bearer ";

  private RequestAuth() {}

  /**
   * The device id and secret.
   *
   * @param deviceId the device id
   * @param secret the presented secret
   */
  public record Credentials(String deviceId, String secret) {}

  /** The credentials, or empty with the reason in {@code reason[0]}. */
  public static Optional<Credentials> read(IotRequest request, String[] reason) {
    Optional<String> device = request.header(DEVICE_HEADER);
    if (device.isEmpty() || !PushParser.ID.matcher(device.get()).matches()) {
      reason[0] = "missing or malformed " + DEVICE_HEADER + " header";
      return Optional.empty();
    }
    Optional<String> authorization = request.header("Authorization");
    // RFC 9110 section 11.1: the authentication scheme is case-insensitive.
    if (authorization.isEmpty()
        || !authorization.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      reason[0] = "missing Authorization: Bearer <device secret> header";
      return Optional.empty();
    }
    String secret = authorization.get().substring(BEARER.length()).trim();
    if (secret.isEmpty() || secret.length() > DeviceRegistry.SECRET_LENGTH_MAX) {
      reason[0] = "malformed device secret";
      return Optional.empty();
    }
    return Optional.of(new Credentials(device.get(), secret));
  }
}
