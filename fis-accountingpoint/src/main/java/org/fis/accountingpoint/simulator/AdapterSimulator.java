package org.fis.accountingpoint.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.fis.accountingpoint.AccountingPointData;
import org.fis.accountingpoint.BusinessIds;
import org.fis.accountingpoint.EndUserPeriod;
import org.fis.accountingpoint.EnergyDirection;
import org.fis.accountingpoint.EnergyDirectionPeriod;
import org.fis.accountingpoint.EnergySupplierPeriod;
import org.fis.accountingpoint.EntityType;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.Location;
import org.fis.accountingpoint.MeteringGridAreaPeriod;
import org.fis.accountingpoint.TimelinePeriod;

/**
 * A simulated accounting point adapter serving the contract's {@code GET
 * /accounting_point/{gsrn}?valid_from=…} over real HTTP on 127.0.0.1 (JDK {@code HttpServer}): a
 * test helper for hosts, the examples and the benchmark.
 *
 * <p>It holds accounting points in memory ({@link #put}, {@link #generate}), answers 401 to a wrong
 * Bearer key, 404 to unknown GSRNs, returns every period overlapping the requested window
 * unclipped, always adds an unknown field (clients must tolerate it), and can add latency and
 * inject {@link Fault}s. Data can be changed between syncs ({@link #switchSupplier}, {@link #put},
 * {@link #remove}).
 *
 * <p>Loading this class sets the system property {@code sun.net.httpserver.nodelay=true} (unless
 * already set), which the JDK reads when the first {@code HttpServer} of the JVM starts: without it
 * each response stalls about 40 ms on Nagle's algorithm and delayed ACKs.
 *
 * <p>Thread-safe. {@link #close()} stops the server.
 */
public final class AdapterSimulator implements AutoCloseable {
  /** Fault queue key that applies to any GSRN. */
  private static final String ANY = "*";

  /** Handler threads by default: enough for 32 concurrent slow requests. */
  public static final int THREADS_DEFAULT = 32;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // The JDK server writes headers and body in separate segments; without TCP_NODELAY, Nagle's
    // algorithm and the client's delayed ACK stall every response by about 40 ms. The JDK reads
    // this property once, when the first HttpServer of the JVM is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, AccountingPointData> points = new ConcurrentHashMap<>();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requestsPerGsrn = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private volatile String apiKey;
  private volatile Duration latency = Duration.ZERO;

  private AdapterSimulator(HttpServer server, ExecutorService executor, String apiKey) {
    this.server = server;
    this.executor = executor;
    this.apiKey = apiKey;
  }

  /**
   * Starts a simulator on a free loopback port.
   *
   * @param apiKey the Bearer key it accepts
   * @param threads handler threads (bounds concurrent requests, including slow ones)
   * @return the running simulator
   */
  public static AdapterSimulator start(String apiKey, int threads) {
    Objects.requireNonNull(apiKey, "apiKey");
    if (threads < 1 || threads > 1_024) {
      throw new IllegalArgumentException("threads: must be within [1, 1024], got " + threads);
    }
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "fis-adapter-simulator");
                t.setDaemon(true);
                return t;
              });
      AdapterSimulator simulator = new AdapterSimulator(server, executor, apiKey);
      server.createContext("/accounting_point/", simulator::handle);
      server.setExecutor(executor);
      server.start();
      return simulator;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the adapter simulator", e);
    }
  }

  /** Starts a simulator with {@value #THREADS_DEFAULT} handler threads. */
  public static AdapterSimulator start(String apiKey) {
    return start(apiKey, THREADS_DEFAULT);
  }

  /** The base URI to configure the client with. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Changes the accepted key: requests with the old key then get 401. */
  public void setApiKey(String value) {
    this.apiKey = Objects.requireNonNull(value, "value");
  }

  /** Adds latency to every response. */
  public void setLatency(Duration value) {
    Objects.requireNonNull(value, "value");
    if (value.isNegative()) {
      throw new IllegalArgumentException("value: must not be negative");
    }
    this.latency = value;
  }

  /** Stores or replaces an accounting point. */
  public void put(AccountingPointData data) {
    points.put(data.gsrn().value(), data);
  }

  /** Removes an accounting point: it then answers 404. */
  public void remove(Gsrn gsrn) {
    points.remove(gsrn.value());
  }

  /** The accounting point as currently served. */
  public Optional<AccountingPointData> get(Gsrn gsrn) {
    return Optional.ofNullable(points.get(gsrn.value()));
  }

  /**
   * Queues faults for the next {@code times} requests for one GSRN. Faults for a GSRN are used
   * before faults for any ({@link #injectAny}).
   */
  public void inject(Gsrn gsrn, Fault fault, int times) {
    Objects.requireNonNull(gsrn, "gsrn");
    queue(gsrn.value(), fault, times);
  }

  /** Queues faults for the next {@code times} requests for any GSRN. */
  public void injectAny(Fault fault, int times) {
    queue(ANY, fault, times);
  }

  private void queue(String key, Fault fault, int times) {
    Objects.requireNonNull(fault, "fault");
    if (times < 1 || times > 1_000_000) {
      throw new IllegalArgumentException("times: must be within [1, 1000000]");
    }
    Deque<Fault> queue = faults.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
  }

  /** Drops all queued faults. */
  public void clearFaults() {
    faults.clear();
  }

  /** Requests received for one GSRN. */
  public int requestCount(Gsrn gsrn) {
    AtomicInteger count = requestsPerGsrn.get(gsrn.value());
    return count == null ? 0 : count.get();
  }

  /** Requests received in total. */
  public long requestCount() {
    return requests.sum();
  }

  /** Forgets the request counts. */
  public void resetRequestCounts() {
    requestsPerGsrn.clear();
    requests.reset();
  }

  /**
   * Ends the open energy supplier period at {@code at} and starts {@code newGln} there.
   *
   * @param gsrn the accounting point (must be stored)
   * @param at the switch instant
   * @param newGln the new supplier's GLN
   */
  public void switchSupplier(Gsrn gsrn, Instant at, String newGln) {
    points.compute(
        gsrn.value(),
        (key, data) -> {
          if (data == null) {
            throw new IllegalArgumentException("gsrn: not stored in the simulator: " + gsrn);
          }
          List<EnergySupplierPeriod> suppliers = new ArrayList<>();
          for (EnergySupplierPeriod p : data.energySuppliers()) {
            if (!p.validFrom().isBefore(at)) {
              continue;
            }
            boolean runsPast = p.validTo() == null || p.validTo().isAfter(at);
            suppliers.add(runsPast ? new EnergySupplierPeriod(p.gln(), p.validFrom(), at) : p);
          }
          suppliers.add(new EnergySupplierPeriod(newGln, at, null));
          return new AccountingPointData(
              data.gsrn(),
              data.endUsers(),
              suppliers,
              data.meteringGridAreas(),
              data.energyDirections(),
              data.location());
        });
  }

  /**
   * Generates {@code count} accounting points with valid check digits, all valid from {@code from}
   * with open ends: GSRNs {@link #gsrnAt(int)}, end users alternating organisation and person, one
   * of five suppliers, one of three grid areas, consumption, and a location.
   *
   * @param count how many (at most 10,000,000)
   * @param from start of every period
   * @return the GSRNs, in order
   */
  public List<Gsrn> generate(int count, Instant from) {
    if (count < 0 || count > 10_000_000) {
      throw new IllegalArgumentException("count: must be within [0, 10000000]");
    }
    List<Gsrn> gsrns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      AccountingPointData data = sample(i, from);
      put(data);
      gsrns.add(data.gsrn());
    }
    return gsrns;
  }

  /** The i-th generated GSRN: {@code 707057500} + 8 digits of i + the check digit. */
  public static Gsrn gsrnAt(int i) {
    return new Gsrn(withGs1Check(String.format("707057500%08d", i)));
  }

  /** The k-th sample supplier GLN (valid check digit). */
  public static String supplierGln(int k) {
    return withGs1Check(String.format("708001234%03d", k));
  }

  /** The k-th sample metering grid area EIC-Y (valid check character). */
  public static String gridAreaEic(int k) {
    String first15 = String.format("50YTESTMGA%05d", k);
    return first15 + BusinessIds.eicCheckCharacter(first15);
  }

  /**
   * The i-th sample accounting point.
   *
   * @param i the index
   * @param from start of every period
   * @return the data
   */
  public static AccountingPointData sample(int i, Instant from) {
    EndUserPeriod endUser =
        i % 2 == 0
            ? new EndUserPeriod(
                String.format("9%08d", i % 100_000_000), EntityType.ORGANISATION, from, null)
            : new EndUserPeriod(
                String.format("150190%05d", i % 100_000), EntityType.PERSON, from, null);
    return new AccountingPointData(
        gsrnAt(i),
        List.of(endUser),
        List.of(new EnergySupplierPeriod(supplierGln(i % 5), from, null)),
        List.of(new MeteringGridAreaPeriod(gridAreaEic(i % 3), from, null)),
        Optional.of(
            List.of(
                new EnergyDirectionPeriod(EnumSet.of(EnergyDirection.CONSUMPTION), from, null))),
        Optional.of(
            new Location(
                new java.math.BigDecimal("59." + (1000 + i % 9000)),
                new java.math.BigDecimal("10." + (1000 + i % 9000)))));
  }

  private static String withGs1Check(String payload) {
    return payload + BusinessIds.gs1CheckDigit(payload);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.increment();
      String path = exchange.getRequestURI().getPath();
      String gsrn = path.substring("/accounting_point/".length());
      requestsPerGsrn.computeIfAbsent(gsrn, k -> new AtomicInteger()).incrementAndGet();
      sleep(latency);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + apiKey).equals(authorization)) {
        respond(exchange, 401, "text/plain", "invalid API key");
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "text/plain", "method not allowed");
        return;
      }
      if (!gsrn.matches("^[0-9]{18}$")) {
        respond(exchange, 400, "text/plain", "Invalid gsrn");
        return;
      }
      Instant validFrom = validFrom(exchange.getRequestURI().getQuery());
      if (validFrom == null) {
        respond(exchange, 400, "text/plain", "valid_from: required date-time");
        return;
      }
      Fault fault = nextFault(gsrn);
      if (fault != null && answerFault(exchange, fault)) {
        return;
      }
      AccountingPointData data = points.get(gsrn);
      if (data == null) {
        respond(exchange, 404, "text/plain", "accounting point not found");
        return;
      }
      ObjectNode body = toJson(data, validFrom);
      if (fault != null) {
        corrupt(body, fault.kind());
      }
      String json = MAPPER.writeValueAsString(body);
      if (fault != null && answerBroken(exchange, fault.kind(), json)) {
        return;
      }
      respond(exchange, 200, "application/json", json);
    }
  }

  /** Answers a valid body in a way that breaks the contract; false when the fault is not one. */
  private static boolean answerBroken(HttpExchange exchange, Fault.Kind kind, String json)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    switch (kind) {
      case TEXT_PLAIN_CONTENT_TYPE:
        respond(exchange, 200, "text/plain", json);
        return true;
      case WRONG_CHARSET:
        respond(exchange, 200, "application/json; charset=ISO-8859-1", json);
        return true;
      case MISSING_CONTENT_TYPE:
        respondBytes(exchange, 200, null, bytes);
        return true;
      case EMPTY_BODY:
        respond(exchange, 200, "application/json", "");
        return true;
      case HTML_ERROR_PAGE:
        respond(
            exchange,
            200,
            "text/html; charset=utf-8",
            "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>");
        return true;
      case GZIP_WITHOUT_HEADER:
        respondBytes(exchange, 200, "application/json", gzip(bytes));
        return true;
      case UNASKED_GZIP:
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        respondBytes(exchange, 200, "application/json", gzip(bytes));
        return true;
      case TRUNCATED_BODY:
        respond(exchange, 200, "application/json", json.substring(0, json.length() / 2));
        return true;
      case CUT_CONNECTION:
        cut(exchange, bytes);
        return true;
      default:
        return false;
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  /** Announces the full length, writes half and closes: the client sees a premature EOF. */
  private static void cut(HttpExchange exchange, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
    // Closing the exchange with bytes missing makes the JDK server drop the connection.
  }

  /** Answers a fault; returns false when the normal answer should follow (slow, corruptions). */
  private boolean answerFault(HttpExchange exchange, Fault fault) throws IOException {
    switch (fault.kind()) {
      case SERVER_ERROR:
        respond(exchange, 500, "text/plain", "simulated server error");
        return true;
      case UNAVAILABLE:
        respond(exchange, 503, "text/plain", "simulated unavailability");
        return true;
      case FORBIDDEN:
        respond(exchange, 403, "text/plain", "simulated forbidden");
        return true;
      case RATE_LIMITED:
        exchange
            .getResponseHeaders()
            .add("Retry-After", Long.toString(fault.duration().toSeconds()));
        respond(exchange, 429, "text/plain", "simulated rate limit");
        return true;
      case MALFORMED_JSON:
        respond(exchange, 200, "application/json", "{\"gsrn\": \"70705750\", \"end_user\": [");
        return true;
      case SLOW:
        sleep(fault.duration());
        return false;
      default:
        return false;
    }
  }

  private static void corrupt(ObjectNode body, Fault.Kind kind) {
    if (kind == Fault.Kind.INVALID_GSRN_CHECK_DIGIT) {
      body.put("gsrn", flipLast(body.get("gsrn").textValue()));
    } else if (kind == Fault.Kind.INVALID_GLN_CHECK_DIGIT
        && body.get("energy_supplier").size() > 0) {
      ObjectNode first = (ObjectNode) body.get("energy_supplier").get(0);
      first.put("business_id", flipLast(first.get("business_id").textValue()));
    } else if (kind == Fault.Kind.INVALID_EIC_CHECK_CHARACTER
        && body.get("metering_grid_area").size() > 0) {
      ObjectNode first = (ObjectNode) body.get("metering_grid_area").get(0);
      String eic = first.get("business_id").textValue();
      char last = eic.charAt(15);
      first.put("business_id", eic.substring(0, 15) + (last == 'A' ? 'B' : 'A'));
    }
  }

  private static String flipLast(String digits) {
    char last = digits.charAt(digits.length() - 1);
    return digits.substring(0, digits.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
  }

  private Fault nextFault(String gsrn) {
    for (String key : new String[] {gsrn, ANY}) {
      Deque<Fault> queue = faults.get(key);
      if (queue != null) {
        synchronized (queue) {
          Fault fault = queue.poll();
          if (fault != null) {
            return fault;
          }
        }
      }
    }
    return null;
  }

  private static Instant validFrom(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("valid_from=")) {
        try {
          return OffsetDateTime.parse(pair.substring("valid_from=".length())).toInstant();
        } catch (DateTimeParseException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The contract's JSON for the periods overlapping [validFrom, ∞), unclipped. */
  private static ObjectNode toJson(AccountingPointData data, Instant validFrom) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("gsrn", data.gsrn().value());
    ArrayNode endUsers = root.putArray("end_user");
    for (EndUserPeriod p : overlapping(data.endUsers(), validFrom)) {
      period(
          endUsers
              .addObject()
              .put("business_id", p.businessId())
              .put("entity_type", p.entityType().code()),
          p);
    }
    ArrayNode suppliers = root.putArray("energy_supplier");
    for (EnergySupplierPeriod p : overlapping(data.energySuppliers(), validFrom)) {
      period(suppliers.addObject().put("business_id", p.gln()), p);
    }
    ArrayNode areas = root.putArray("metering_grid_area");
    for (MeteringGridAreaPeriod p : overlapping(data.meteringGridAreas(), validFrom)) {
      period(areas.addObject().put("business_id", p.eic()), p);
    }
    if (data.energyDirections().isPresent()) {
      ArrayNode directions = root.putArray("energy_direction");
      for (EnergyDirectionPeriod p : overlapping(data.energyDirections().get(), validFrom)) {
        ObjectNode item = directions.addObject();
        ArrayNode list = item.putArray("direction");
        for (EnergyDirection d : EnergyDirection.values()) {
          if (p.directions().contains(d)) {
            list.add(d.code());
          }
        }
        period(item, p);
      }
    }
    if (data.location().isPresent()) {
      root.put("latitude", data.location().get().latitude());
      root.put("longitude", data.location().get().longitude());
    } else {
      root.putNull("latitude");
      root.putNull("longitude");
    }
    root.put("x_simulator_note", "unknown fields must be ignored by clients");
    return root;
  }

  private static <T extends TimelinePeriod> List<T> overlapping(List<T> periods, Instant from) {
    List<T> out = new ArrayList<>();
    for (T p : periods) {
      if (p.validTo() == null || p.validTo().isAfter(from)) {
        out.add(p);
      }
    }
    return out;
  }

  private static void period(ObjectNode item, TimelinePeriod p) {
    item.put("valid_from", p.validFrom().toString());
    if (p.validTo() == null) {
      item.putNull("valid_to");
    } else {
      item.put("valid_to", p.validTo().toString());
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    respondBytes(exchange, status, type, bytes);
  }

  /** Sends bytes; {@code type} null sends no Content-Type (a fault). */
  private static void respondBytes(HttpExchange exchange, int status, String type, byte[] bytes)
      throws IOException {
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    // The JDK server: 0 means chunked, -1 no body; a non-empty body goes fixed-length.
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
