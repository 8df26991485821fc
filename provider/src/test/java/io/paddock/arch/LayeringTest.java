package io.paddock.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md §3, checked on the compiled classes. */
class LayeringTest {
  private static final String[] PURE = {
    "io.paddock.txn..",
    "io.paddock.tree..",
    "io.paddock.acl..",
    "io.paddock.session..",
    "io.paddock.watch..",
    "io.paddock.quorum.core..",
    "io.paddock.quorum.election..",
    "io.paddock.quorum.broadcast..",
    "io.paddock.quorum.config.."
  };

  private static final String[] EDGES = {
    "io.paddock.wire..",
    "io.paddock.log..",
    "io.paddock.snapshot..",
    "io.paddock.quorum.transport..",
    "io.paddock.platform..",
    "io.paddock.server..",
    "io.paddock.client..",
    "io.paddock.cli..",
    "io.paddock.admin..",
    "io.paddock.embedded..",
    "io.paddock.config.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paddock");
  }

  @Test
  void apiDependsOnTheJdkOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.paddock.api..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.paddock.api..", "java..")
        .check(classes);
  }

  @Test
  void purePackagesDependOnNoEdge() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(EDGES)
        .check(classes);
  }

  @Test
  void purePackagesTouchNoOsResources() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..", "java.nio.channels..", "java.nio.file..", "java.util.concurrent..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.Thread")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "getProperty", String.class)
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .check(classes);
  }

  @Test
  void clientSideUsesApiAndWireOnly() {
    noClasses()
        .that()
        .resideInAnyPackage("io.paddock.client..", "io.paddock.recipes..", "io.paddock.naming..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.paddock.server..",
            "io.paddock.tree..",
            "io.paddock.txn..",
            "io.paddock.quorum..",
            "io.paddock.session..",
            "io.paddock.watch..",
            "io.paddock.log..",
            "io.paddock.snapshot..")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.paddock.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void nothingCallsSystemExitOutsideTheMainEntryPoints() {
    noClasses()
        .that()
        .doNotHaveSimpleName("ServerMain")
        .and()
        .doNotHaveSimpleName("CliMain")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(classes);
  }
}
