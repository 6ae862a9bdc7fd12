package org.fis.accountingpoint.internal;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The media-type rules of a 200 answer: the contract allows only {@code application/json}, so a
 * body is parsed only when {@code Content-Type} says so (with no charset or UTF-8, the only
 * encoding JSON allows between systems, RFC 8259 §8.1) and no {@code Content-Encoding} was applied
 * (the client asks for none). Pure and thread-safe.
 */
public final class ResponseMediaType {
  /** The only media type the contract allows for a 200. */
  public static final String JSON = "application/json";

  private ResponseMediaType() {}

  /**
   * Checks the headers of a 200 answer.
   *
   * @param headers the response headers
   * @return why the answer must not be parsed, naming the header; empty when it may be parsed
   */
  public static Optional<String> problem(HttpHeaders headers) {
    List<String> types = headers.allValues("Content-Type");
    if (types.isEmpty()) {
      return Optional.of("Content-Type: missing, the contract requires " + JSON);
    }
    if (types.size() > 1) {
      return Optional.of("Content-Type: sent " + types.size() + " times, expected once");
    }
    Optional<String> typeProblem = contentTypeProblem(types.get(0));
    if (typeProblem.isPresent()) {
      return typeProblem;
    }
    for (String encoding : headers.allValues("Content-Encoding")) {
      String trimmed = encoding.trim();
      if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("identity")) {
        return Optional.of(
            "Content-Encoding: is " + quoted(trimmed) + ", but the client asked for no encoding");
      }
    }
    return Optional.empty();
  }

  /** Checks one Content-Type value: {@code application/json} with at most a UTF-8 charset. */
  static Optional<String> contentTypeProblem(String value) {
    String[] parts = value.split(";", -1);
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals(JSON)) {
      return Optional.of(
          "Content-Type: is " + quoted(value.trim()) + ", the contract allows only " + JSON);
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int equals = parameter.indexOf('=');
      if (parameter.isEmpty()) {
        continue;
      }
      if (equals < 1) {
        return Optional.of("Content-Type: malformed parameter " + quoted(parameter));
      }
      String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      String argument = unquote(parameter.substring(equals + 1).trim());
      if (name.equals("charset") && !argument.equalsIgnoreCase("utf-8")) {
        return Optional.of(
            "Content-Type: charset is " + quoted(argument) + ", JSON must be UTF-8 (RFC 8259)");
      }
    }
    return Optional.empty();
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  private static String quoted(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "\"" + shown + "\"";
  }
}
