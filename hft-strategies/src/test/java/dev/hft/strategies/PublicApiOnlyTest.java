package dev.hft.strategies;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The built-in strategies are ordinary users of the public API: nothing of the engine or beyond. */
class PublicApiOnlyTest {
    @Test
    void theBuiltInStrategiesUseThePublicApiAlone() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.hft.core..", "dev.hft.api..",
                "dev.hft.strategies..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.hft.strategies"));
    }
}
