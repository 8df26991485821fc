package io.paddock.microprofile.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The config source is built on the public API only, so it works against any ensemble. */
class ConfigSourceLayeringTest {
  @Test
  void usesOnlyTheJdkTheApiAndMicroProfileConfig() {
    classes()
        .that()
        .resideInAPackage("io.paddock.microprofile..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.paddock.api..",
            "io.paddock.microprofile..",
            "org.eclipse.microprofile.config..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.paddock.microprofile"));
  }
}
