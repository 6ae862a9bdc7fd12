package org.fis.billing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries of this module, checked on its compiled classes. */
class BillingArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fis.billing");
  }

  @Test
  void the_calculator_uses_neither_jdbi_nor_jdbc_nor_jackson() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.billing.calculator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jdbi..", "java.sql..", "javax.sql..", "com.fasterxml..")
        .check(classes);
  }

  @Test
  void the_calculator_does_not_depend_on_issuing_or_output() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.billing.calculator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.fis.billing.issuing..", "org.fis.billing.output..")
        .check(classes);
  }

  @Test
  void billing_depends_on_neither_iot_nor_ledger() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.billing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.fis.iot..", "org.fis.ledger..")
        .check(classes);
  }

  @Test
  void only_the_calculator_itself_uses_its_internal_package() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.fis.billing.calculator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.fis.billing.calculator.internal..")
        .check(classes);
  }

  @Test
  void only_the_pdf_renderer_uses_the_pdf_library() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("org.fis.billing.output.InvoicePdf")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.openhtmltopdf..", "org.apache.pdfbox..")
        .check(classes);
  }

  @Test
  void documents_neither_render_nor_touch_the_database() {
    noClasses()
        .that()
        .resideInAPackage("org.fis.billing.document..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.jdbi..", "java.sql..", "org.fis.billing.output..", "com.openhtmltopdf..")
        .check(classes);
  }
}
