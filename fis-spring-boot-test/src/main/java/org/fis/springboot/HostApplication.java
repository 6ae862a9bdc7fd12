package org.fis.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The host application: Spring Boot with the FIS modules wired by {@link FisModules}. */
@SpringBootApplication
public class HostApplication {
  /**
   * Runs the host.
   *
   * @param args Spring Boot's arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(HostApplication.class, args);
  }
}
