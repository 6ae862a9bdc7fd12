package org.fis.accountingpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both sides of the media-type rule of a 200 answer. */
class ResponseMediaTypeTest {
  private static HttpHeaders headers(Map<String, List<String>> values) {
    return HttpHeaders.of(values, (name, value) -> true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "Application/JSON",
        "application/json; charset=\"utf-8\"",
        "application/json; q=1"
      })
  void json_with_no_charset_or_utf_8_is_accepted(String contentType) {
    assertThat(ResponseMediaType.problem(headers(Map.of("Content-Type", List.of(contentType)))))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "text/html; charset=utf-8",
        "application/problem+json",
        "application/jsonx",
        "application/octet-stream",
        "",
        "application/json; charset=ISO-8859-1",
        "application/json; charset=utf-16",
        "application/json; charset"
      })
  void any_other_content_type_is_rejected_naming_the_header(String contentType) {
    assertThat(ResponseMediaType.problem(headers(Map.of("Content-Type", List.of(contentType)))))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("Content-Type: "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "br"})
  void a_content_encoding_the_client_did_not_ask_for_is_rejected(String encoding) {
    assertThat(
            ResponseMediaType.problem(
                headers(
                    Map.of(
                        "Content-Type",
                        List.of("application/json"),
                        "Content-Encoding",
                        List.of(encoding)))))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("Content-Encoding: "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"identity", ""})
  void the_identity_encoding_is_accepted(String encoding) {
    assertThat(
            ResponseMediaType.problem(
                headers(
                    Map.of(
                        "Content-Type",
                        List.of("application/json"),
                        "Content-Encoding",
                        List.of(encoding)))))
        .isEmpty();
  }

  @org.junit.jupiter.api.Test
  void a_missing_or_repeated_content_type_is_rejected() {
    assertThat(ResponseMediaType.problem(headers(Map.of())))
        .hasValue("Content-Type: missing, the contract requires application/json");
    assertThat(
            ResponseMediaType.problem(
                headers(Map.of("Content-Type", List.of("application/json", "text/plain")))))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("Content-Type: sent 2"));
  }
}
