package io.chronos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The house rules of DESIGN.md, checked on every build. */
@AnalyzeClasses(packages = "io.chronos", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] PUBLIC_API = {
    "io.chronos",
    "io.chronos.job..",
    "io.chronos.schedule..",
    "io.chronos.payload..",
    "io.chronos.run..",
    "io.chronos.security..",
    "io.chronos.audit..",
    "io.chronos.spi..",
    "io.chronos.testing.."
  };

  @ArchTest
  static final ArchRule core_knows_nothing_of_spring_boot =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.boot..")
          .because("chronos-core must work without Spring Boot");

  @ArchTest
  static final ArchRule public_api_exposes_no_quartz_jdbc_template_or_jackson =
      noClasses()
          .that()
          .resideInAnyPackage(PUBLIC_API)
          .and()
          .arePublic()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.quartz..", "com.fasterxml.jackson..", "org.springframework.jdbc.core..")
          .because("public API packages never expose Quartz, JdbcTemplate or Jackson types");

  @ArchTest
  static final ArchRule spi_does_not_reach_into_internals =
      noClasses()
          .that()
          .resideInAnyPackage("io.chronos.spi..", "io.chronos.payload..", "io.chronos.executor..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.chronos.internal..")
          .because("executors know only the SPI and the public API");
}
