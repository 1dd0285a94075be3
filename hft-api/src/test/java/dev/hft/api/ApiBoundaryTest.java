package dev.hft.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * What a strategy project compiles against stays small and safe: the JDK, hft-core and the API itself, no wall
 * clock and no randomness (a strategy's decisions must be a function of its events, or replay breaks).
 */
class ApiBoundaryTest {
    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hft.api");

    @Test
    void theApiDependsOnTheJdkAndHftCoreAlone() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.hft.core..", "dev.hft.api..")
                .check(API);
    }

    @Test
    void nothingInTheApiReadsAClockOrRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .check(API);
    }

    @Test
    void theBuildStampsTheApiVersion() {
        assertThat(API.contain(Api.class)).isTrue();
        assertThat(Api.VERSION).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
    }
}
