package cn.certhall.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import cn.certhall.domain.order.OrderService;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Configuration;

/**
 * The layering docs/architecture.md describes, checked on the compiled main code of every module
 * (tests left out): a rule broken by a new import fails here with the offending lines.
 */
class ArchitectureTest {
  static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("cn.certhall");
  }

  @Test
  void theDomainKnowsNothingOfSpringServletsOrSql() {
    noClasses()
        .that()
        .resideInAPackage("cn.certhall.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "jakarta.servlet..",
            "java.sql..",
            "javax.sql..",
            "cn.certhall.app..")
        .check(main);
  }

  /**
   * The domain speaks the engine's API types (a revocation reason, a validity, a certificate
   * reference), not its implementation: no issuance, key store, CRL or OCSP class, no Bouncy
   * Castle, no documents.
   */
  @Test
  void theDomainUsesOnlyTheEnginesApiTypes() {
    noClasses()
        .that()
        .resideInAPackage("cn.certhall.domain..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "engine classes other than its API types, or Bouncy Castle, or documents",
                (com.tngtech.archunit.core.domain.JavaClass c) ->
                    (c.getPackageName().startsWith("cn.certhall.pki")
                            && !ENGINE_API.contains(c.getName()))
                        || c.getPackageName().startsWith("org.bouncycastle")
                        || c.getPackageName().startsWith("cn.certhall.documents")))
        .check(main);
  }

  /** What of the engine the domain may name. */
  static final java.util.Set<String> ENGINE_API =
      java.util.Set.of(
          "cn.certhall.pki.revocation.RevocationReason",
          "cn.certhall.pki.issuance.Validity",
          "cn.certhall.pki.issuance.CertificateRef");

  @Test
  void theCaEngineAndDocumentsKnowNoSpringAndNoBusiness() {
    noClasses()
        .that()
        .resideInAnyPackage("cn.certhall.pki..", "cn.certhall.documents..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "jakarta.servlet..",
            "java.sql..",
            "javax.sql..",
            "cn.certhall.domain..",
            "cn.certhall.app..")
        .check(main);
  }

  /**
   * Wiring may hand a {@code JdbcClient} to a repository it builds: the configuration classes and
   * the command-line commands, which build their repositories without Spring's context.
   */
  @Test
  void onlyPersistenceTalksToTheDatabase() {
    noClasses()
        .that()
        .resideInAPackage("cn.certhall.app..")
        .and()
        .resideOutsideOfPackage("cn.certhall.app.persistence..")
        .and()
        .areNotAnnotatedWith(Configuration.class)
        .and()
        .areNotAnnotatedWith(SpringBootApplication.class)
        .and()
        .haveSimpleNameNotEndingWith("Command")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
        .check(main);
  }

  /**
   * The order's state machine ({@code OrderService.move} and {@code cancel}) is driven by the
   * domain's flows only ({@code NewApplicationFlow}, {@code LifecycleFlow}, the review, payment and
   * lifecycle services …): the web layer, persistence and the adapters call a flow's step, which
   * owns its transaction and its history note.
   */
  @Test
  void onlyTheDomainDrivesTheOrderStateMachine() {
    noClasses()
        .that()
        .resideInAPackage("cn.certhall.app..")
        .should()
        .callMethodWhere(
            JavaCall.Predicates.target(
                    HasOwner.Predicates.With.owner(
                        HasName.Predicates.name(OrderService.class.getName())))
                .and(JavaCall.Predicates.target(HasName.Predicates.nameMatching("move|cancel"))))
        .because("a step of a domain flow moves the order, in one transaction with its note")
        .check(main);
  }

  /**
   * Packages of each module (cn.certhall.app.portal, cn.certhall.domain.order …) never import in a
   * circle.
   */
  @Test
  void noPackageCycles() {
    slices().matching("cn.certhall.(*).(*)..").should().beFreeOfCycles().check(main);
  }
}
