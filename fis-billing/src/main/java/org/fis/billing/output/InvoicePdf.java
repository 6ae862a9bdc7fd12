package org.fis.billing.output;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.logging.Level;
import org.fis.billing.document.InvoiceDocument;

/**
 * The customer's copy of an invoice as PDF: the markup of {@link InvoiceDocumentHtml} laid out on
 * A4 pages by openhtmltopdf (CSS 2.1 layout on Apache PDFBox), with the daily chart drawn as
 * positioned boxes (the renderer draws no SVG without Batik, which this module does not pull in).
 * Text stays text in the PDF (it can be searched, copied and checked by tools). The default fonts
 * are the PDF standard fonts (Helvetica), which cover Western European (WinAnsi) characters; pass a
 * TrueType font for others, e.g. Croatian {@code č ć đ}.
 *
 * <p>Stateless and thread-safe: each call builds its own renderer.
 */
public final class InvoicePdf {
  static {
    // openhtmltopdf logs every layout pass at INFO through java.util.logging; keep its warnings.
    for (String logger : XRLog.listRegisteredLoggers()) {
      XRLog.setLevel(logger, Level.WARNING);
    }
  }

  private InvoicePdf() {}

  /**
   * Renders the customer's copy with the standard fonts.
   *
   * @param document the invoice document
   * @return the PDF bytes
   */
  public static byte[] render(InvoiceDocument document) {
    return render(document, null);
  }

  /**
   * Renders the customer's copy with a TrueType font for all text.
   *
   * @param document the invoice document
   * @param font a {@code .ttf} file used as the document's font family, or null for the standard
   *     fonts
   * @return the PDF bytes
   * @throws UncheckedIOException when the PDF cannot be written or the font read
   */
  public static byte[] render(InvoiceDocument document, File font) {
    Objects.requireNonNull(document, "document");
    String html = InvoiceDocumentHtml.render(document, false);
    if (font != null) {
      html = html.replace("font-family:Helvetica,Arial,sans-serif", "font-family:'invoice-font'");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    if (font != null) {
      builder.useFont(font, "invoice-font");
    }
    builder.withHtmlContent(html, null);
    builder.toStream(out);
    builder.withProducer("fis-billing");
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("PDF of invoice " + document.issued().number(), e);
    }
    return out.toByteArray();
  }
}
