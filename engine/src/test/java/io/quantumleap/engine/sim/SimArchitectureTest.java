package io.quantumleap.engine.sim;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class SimArchitectureTest
{
    private static final JavaClasses ENGINE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.quantumleap.engine");

    @Test
    void shouldBeReachedOnlyOverTheWireByTheRestOfTheEngine()
    {
        noClasses().that().resideOutsideOfPackage("io.quantumleap.engine.sim..")
            .should().dependOnClassesThat().resideInAPackage("io.quantumleap.engine.sim..")
            .check(ENGINE);
    }

    @Test
    void shouldUseNoEngineInternalsButTheTickerCodec()
    {
        noClasses().that().resideInAPackage("io.quantumleap.engine.sim..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quantumleap.engine.core..",
                "io.quantumleap.engine.spi..", "io.quantumleap.engine.protocol..", "io.quantumleap.engine.kite.rest..",
                "io.quantumleap.engine.kite.feed..", "io.quantumleap.engine.kite.router..")
            .check(ENGINE);
    }
}
