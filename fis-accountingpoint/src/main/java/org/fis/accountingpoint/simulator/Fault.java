package org.fis.accountingpoint.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the {@link AdapterSimulator} injects into one response.
 *
 * @param kind what goes wrong
 * @param duration the Retry-After of {@link Kind#RATE_LIMITED}, or the delay of {@link Kind#SLOW};
 *     zero otherwise
 */
public record Fault(Kind kind, Duration duration) {
  /** Validates. */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative");
    }
  }

  /** The kinds of fault. */
  public enum Kind {
    /** HTTP 500. */
    SERVER_ERROR,
    /** HTTP 503. */
    UNAVAILABLE,
    /** HTTP 429 with a Retry-After of {@link Fault#duration()} (whole seconds). */
    RATE_LIMITED,
    /** Sleeps {@link Fault#duration()} before answering normally (a slow response or timeout). */
    SLOW,
    /** A 200 with a truncated JSON body. */
    MALFORMED_JSON,
    /** A 200 whose {@code gsrn} has a wrong check digit. */
    INVALID_GSRN_CHECK_DIGIT,
    /** A 200 whose first energy supplier GLN has a wrong check digit. */
    INVALID_GLN_CHECK_DIGIT,
    /** A 200 whose first metering grid area EIC has a wrong check character. */
    INVALID_EIC_CHECK_CHARACTER,
    /** HTTP 403. */
    FORBIDDEN,
    /** 200 with {@code Content-Type: text/plain} and a body that is valid JSON. */
    TEXT_PLAIN_CONTENT_TYPE,
    /** 200 with {@code application/json; charset=ISO-8859-1} and a valid body. */
    WRONG_CHARSET,
    /** 200 with a valid body and no {@code Content-Type} at all. */
    MISSING_CONTENT_TYPE,
    /** 200 {@code application/json} with an empty body. */
    EMPTY_BODY,
    /** 200 with an HTML error page, as a proxy or a misconfigured gateway sends it. */
    HTML_ERROR_PAGE,
    /** 200 {@code application/json} whose body is gzip-compressed without a Content-Encoding. */
    GZIP_WITHOUT_HEADER,
    /** 200 with {@code Content-Encoding: gzip} that the client never asked for. */
    UNASKED_GZIP,
    /** 200 {@code application/json} with the first half of a valid body (length matches). */
    TRUNCATED_BODY,
    /** 200 announcing the full length, sending half the body, then closing the connection. */
    CUT_CONNECTION
  }

  /** A fault of a kind without a duration. */
  public static Fault of(Kind kind) {
    return new Fault(kind, Duration.ZERO);
  }

  /** HTTP 429 asking to retry after {@code retryAfter}. */
  public static Fault rateLimited(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMITED, retryAfter);
  }

  /** A response delayed by {@code delay}. */
  public static Fault slow(Duration delay) {
    return new Fault(Kind.SLOW, delay);
  }
}
