package io.paddock.recipes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The container services (recipes, JNDI) are built on the public API only: they must work against
 * any ZooKeeper ensemble, so they may not reach into the server, the tree, the quorum or even the
 * client's internals.
 */
class ServicesLayeringTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.paddock");

  @Test
  void recipesUseOnlyTheApi() {
    classes()
        .that()
        .resideInAPackage("io.paddock.recipes..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "io.paddock.api..", "io.paddock.wire..", "io.paddock.recipes..")
        .check(CLASSES);
  }

  @Test
  void namingUsesOnlyTheApiAndJndi() {
    classes()
        .that()
        .resideInAPackage("io.paddock.naming..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.naming..",
            "io.paddock.api..",
            "io.paddock.wire..",
            "io.paddock.naming..")
        .check(CLASSES);
  }

  @Test
  void apiRecipesUseOnlyTheJdkAndTheApi() {
    classes()
        .that()
        .resideInAPackage("io.paddock.api.recipes..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.paddock.api..")
        .check(CLASSES);
  }
}
