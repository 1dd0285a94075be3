package dev.hft.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Rules inside the engine module that Maven's module boundaries cannot express. */
@AnalyzeClasses(packages = "dev.hft.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Inside the engine "now" is the event's time; a wall clock would break replay and determinism. */
    @ArchTest
    static final ArchRule NO_WALL_CLOCK = noClasses().should()
            .callMethod(System.class, "currentTimeMillis").orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .because("the engine's clock is the current event's time");

    /** Randomness in the engine would make runs unrepeatable. */
    @ArchTest
    static final ArchRule NO_RANDOMNESS = noClasses().should().dependOnClassesThat()
            .areAssignableTo(java.util.Random.class)
            .because("decisions must be a pure function of the events");

    @ArchTest
    static final ArchRule NO_OUTER_MODULES = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.hft.sim..", "dev.hft.backtest..", "dev.hft.app..", "dev.hft.binance..");
}
