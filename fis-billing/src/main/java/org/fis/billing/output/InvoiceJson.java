package org.fis.billing.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.measure.time.Interval;

/**
 * Writes and reads invoices as JSON: instants as ISO-8601 strings, amounts as exact decimal numbers
 * (never binary floating point), item kinds and warning codes by name. The JSON of an issued
 * invoice is what {@link org.fis.billing.issuing.InvoiceIssuer} stores as its document.
 *
 * <p>Thread-safe: the underlying mapper is configured once and shared.
 */
public final class InvoiceJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addMixIn(Interval.class, IntervalMixIn.class)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private InvoiceJson() {}

  /** The configured mapper, for hosts that embed invoices in their own JSON. */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /**
   * The calculated invoice as JSON.
   *
   * @param invoice the invoice
   * @return compact JSON
   */
  public static String write(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return writeValue(invoice);
  }

  /**
   * The issued invoice (number, dates, kind and the invoice) as JSON.
   *
   * @param issued the issued invoice
   * @return compact JSON
   */
  public static String write(IssuedInvoice issued) {
    Objects.requireNonNull(issued, "issued");
    return writeValue(issued);
  }

  /**
   * Reads an invoice written by {@link #write(Invoice)}.
   *
   * @param json the JSON
   * @return the invoice
   * @throws IllegalArgumentException when the JSON is not an invoice
   */
  public static Invoice readInvoice(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return MAPPER.readValue(json, Invoice.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("json: not an invoice: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads an issued invoice written by {@link #write(IssuedInvoice)}.
   *
   * @param json the JSON
   * @return the issued invoice
   * @throws IllegalArgumentException when the JSON is not an issued invoice
   */
  public static IssuedInvoice readIssued(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return MAPPER.readValue(json, IssuedInvoice.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "json: not an issued invoice: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Any value of this module (warnings, snapshots) as JSON with this mapper's settings.
   *
   * @param value the value
   * @return compact JSON
   */
  public static String mapperWrite(Object value) {
    Objects.requireNonNull(value, "value");
    return writeValue(value);
  }

  private static String writeValue(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("invoice not serializable: " + e.getOriginalMessage(), e);
    }
  }

  /** Interval exposes {@code isEmpty()}, which is derived and must not be written. */
  @JsonIgnoreProperties(
      value = {"empty"},
      ignoreUnknown = false)
  private abstract static class IntervalMixIn {}
}
