package org.fis.examples.bench.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client for the benchmark's load: one kept-alive connection per device, request
 * bytes built before the clock starts, responses read by their {@code Content-Length}. It spends
 * next to no CPU, so that the HTTP figure measures the server rather than a general-purpose client
 * sharing its cores. Not a general client: no chunked responses, no redirects, no TLS.
 */
public final class RawHttpPusher implements AutoCloseable {
  private static final int HEADER_BYTES_MAX = 16 * 1024;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  /**
   * Connects to the server.
   *
   * @param port the server's loopback port
   * @throws IOException when the connection fails
   */
  public RawHttpPusher(int port) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(60_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
  }

  /**
   * The bytes of a push request.
   *
   * @param path the push path
   * @param deviceId the device header
   * @param secret the bearer secret
   * @param body the JSON body
   * @return the request, ready to send
   */
  public static byte[] request(String path, String deviceId, String secret, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Fis-Device-Id: "
                + deviceId
                + "\r\nAuthorization: Bearer "
                + secret
                + "\r\nContent-Length: "
                + content.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + content.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(content, 0, request, head.length, content.length);
    return request;
  }

  /** A response: its status and body. */
  public record Response(int status, String body) {}

  /**
   * Sends a request and reads its response.
   *
   * @param request bytes from {@link #request}
   * @return the response
   * @throws IOException on a transport failure or a response this client cannot read
   */
  public Response send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String head = readHead();
    int status = Integer.parseInt(head.substring(9, 12));
    int length = -1;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    if (length < 0) {
      throw new IOException(
          "response without Content-Length: " + head.lines().findFirst().orElse(""));
    }
    return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(256);
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the response head ended");
      }
      head.write(b);
      // Counts the bytes of "\r\n\r\n" seen in a row.
      boolean next = matched % 2 == 0 ? b == '\r' : b == '\n';
      matched = next ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > HEADER_BYTES_MAX) {
        throw new IOException("response head longer than " + HEADER_BYTES_MAX + " bytes");
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
