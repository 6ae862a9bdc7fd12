package org.fis.iot;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What the host's HTTP server sends back: status, headers and body bytes (JSON, or empty for 304).
 *
 * @param status the HTTP status
 * @param headers response headers
 * @param body the body bytes
 */
public record IotResponse(int status, Map<String, String> headers, byte[] body) {
  /** Validates the record. */
  public IotResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: not an HTTP status: " + status);
    }
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
