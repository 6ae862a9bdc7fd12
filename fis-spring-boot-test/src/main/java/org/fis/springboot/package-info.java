/**
 * A Spring Boot host composing the FIS modules, built and tested in the suite's build: Boot's
 * {@code DataSource} and transaction manager, the host's own Flyway migrations beside the modules'
 * migrations, the module calls inside {@code @Transactional} service methods, and the module
 * metrics in Boot's {@code MeterRegistry}. Not published; it is the integration guide's Spring Boot
 * example, compiled and run.
 */
package org.fis.springboot;
