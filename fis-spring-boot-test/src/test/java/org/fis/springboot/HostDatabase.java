package org.fis.springboot;

import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.testing.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The host's test environment: a fresh database on the suite's embedded PostgreSQL (Boot's {@code
 * spring.datasource} points at it; no migration is applied beforehand, the application does that at
 * start-up) and the datahub adapter simulator on loopback. One of each per test JVM, like Spring's
 * cached application context that uses them.
 */
final class HostDatabase {
  static final String API_KEY = "host-test-key";
  static final TestDatabase DATABASE = TestDatabase.create();
  static final AdapterSimulator DATAHUB = AdapterSimulator.start(API_KEY);

  private HostDatabase() {}

  static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DATABASE::jdbcUrl);
    // The suite's tests run with a session zone that is not UTC; so does this host.
    registry.add(
        "spring.datasource.hikari.connection-init-sql",
        () -> "SET TIME ZONE '" + TestDatabase.SESSION_TIME_ZONE + "'");
    registry.add("fis.accountingpoint.adapter-url", () -> DATAHUB.baseUri().toString());
    registry.add("fis.accountingpoint.api-key", () -> API_KEY);
  }
}
