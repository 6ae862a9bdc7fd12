package org.fis.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md and STYLE.md, checked on the compiled classes. */
class ArchitectureTest {
  private static final List<String> MODULES =
      List.of("measure", "iot", "billing", "jobs", "ledger", "accountingpoint");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fis");
  }

  @Test
  void measure_math_uses_neither_jdbi_nor_jdbc() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.measure..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jdbi..", "java.sql..", "javax.sql..")
        .check(classes);
  }

  @Test
  void no_module_reaches_into_another_modules_internal_package() {
    for (String module : MODULES) {
      noClasses()
          .that()
          .resideOutsideOfPackage("org.fis." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.fis." + module + "..internal..")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void billing_depends_on_neither_iot_nor_ledger() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.billing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.fis.iot..", "org.fis.ledger..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void jobs_depend_on_no_other_module_of_the_suite() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.jobs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.fis.measure..",
            "org.fis.iot..",
            "org.fis.billing..",
            "org.fis.ledger..",
            "org.fis.accountingpoint..")
        .check(classes);
  }

  @Test
  void the_ledger_uses_the_jobs_module_only_for_asynchronous_balances() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.ledger..")
        .and()
        .haveNameNotMatching("org\\.fis\\.ledger\\.AsyncBalanceJobs(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.fis.jobs..")
        .check(classes);
  }

  @Test
  void no_library_module_depends_on_the_examples() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.fis.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.fis.examples..")
        .check(classes);
  }
}
