package org.fis.iot.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.fis.iot.IotException;
import org.fis.iot.IotResponse;
import org.fis.iot.MeasurementError;

/** JSON responses of the push and poll handlers, and retry classification. */
public final class Responses {
  /** The JSON content type. */
  public static final String JSON = "application/json; charset=utf-8";

  /**
   * The {@code Retry-After} of a 503 (nothing stored, retry later) and of a 429 without a bucket's
   * own wait, in seconds.
   */
  public static final int RETRY_AFTER_SECONDS = 5;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  /** A new JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A JSON response. */
  public static IotResponse json(int status, ObjectNode body, Map<String, String> extraHeaders) {
    try {
      java.util.Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
      headers.put("Content-Type", JSON);
      headers.put("Cache-Control", "no-store");
      return new IotResponse(status, headers, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IotException("cannot write response JSON", e);
    }
  }

  /** A JSON response without extra headers. */
  public static IotResponse json(int status, ObjectNode body) {
    return json(status, body, Map.of());
  }

  /** An error response: {@code {"status": status, "reason": reason}}. */
  public static IotResponse error(int status, String kind, String reason) {
    ObjectNode body = object().put("status", kind).put("reason", reason);
    return json(status, body);
  }

  /**
   * A 503 {@code unavailable}: nothing was done, the client should retry after {@value
   * #RETRY_AFTER_SECONDS} seconds (the {@code Retry-After} header says so).
   */
  public static IotResponse unavailable(String reason) {
    ObjectNode body = object().put("status", "unavailable").put("reason", reason);
    return json(503, body, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
  }

  /**
   * A 429 {@code too_many_attempts}: too many failed authentications from the client's address or
   * for the device; nothing was checked, retry after the given seconds.
   */
  public static IotResponse throttled(FailedAuthThrottle.Refused refused) {
    ObjectNode body =
        object()
            .put("status", "too_many_attempts")
            .put(
                "reason",
                "too many failed authentications from this address or for this device; retry after "
                    + refused.retryAfterSeconds()
                    + " s");
    return json(429, body, Map.of("Retry-After", Long.toString(refused.retryAfterSeconds())));
  }

  /** An error response listing per-measurement errors. */
  public static IotResponse errors(
      int status, String kind, String reason, List<MeasurementError> errors) {
    ObjectNode body = object().put("status", kind).put("reason", reason);
    body.set("errors", errorArray(errors));
    return json(status, body);
  }

  /** The errors as a JSON array of {index, field, reason}. */
  public static ArrayNode errorArray(List<MeasurementError> errors) {
    ArrayNode array = MAPPER.createArrayNode();
    for (MeasurementError e : errors) {
      array.addObject().put("index", e.index()).put("field", e.field()).put("reason", e.reason());
    }
    return array;
  }

  /** Whether a failure (anywhere in its cause chain) is worth retrying the transaction for. */
  public static boolean retryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IotException iot && iot.retryable()) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if ("40P01".equals(state) || "40001".equals(state) || "23505".equals(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** UTF-8 bytes. */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
