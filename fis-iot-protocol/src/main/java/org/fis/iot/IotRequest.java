package org.fis.iot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as the host's HTTP server received it: method, path, headers and body bytes. Header
 * names are case-insensitive. Immutable (the body array is not copied: do not change it).
 *
 * @param method the HTTP method
 * @param path the request path (informational; routing is the host's)
 * @param headers header name to values
 * @param body the body bytes, possibly empty
 * @param source the client's address as the host's HTTP server saw it (an IP address in text, or
 *     empty when unknown, which turns the throttling of failed authentications off): failed
 *     authentications are throttled per source and per device
 */
public record IotRequest(
    String method, String path, Map<String, List<String>> headers, byte[] body, String source) {
  /** Validates the record and makes header lookup case-insensitive. */
  public IotRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(source, "source");
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (name != null && values != null) {
            copy.put(name, List.copyOf(values));
          }
        });
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * A request whose client address is unknown: its failed authentications are not throttled (an
   * in-process caller; a host serving the handlers to the network passes the address).
   *
   * @param method the HTTP method
   * @param path the request path
   * @param headers header name to values
   * @param body the body bytes
   */
  public IotRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {
    this(method, path, headers, body, "");
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or empty
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
