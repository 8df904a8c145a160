package io.quantumleap.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class EngineArchitectureTest
{
    private static final JavaClasses ENGINE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.quantumleap.engine");

    @Test
    void engineShouldDependOnNoOtherModuleOfOurs()
    {
        noClasses().that().resideInAPackage("io.quantumleap.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.quantumleap.journal..", "io.quantumleap.persistence..",
                "io.quantumleap.gateway..", "io.quantumleap.benchmarks..")
            .check(ENGINE);
    }

    @Test
    void coreShouldImportOnlyTheJdkAgronaTheDisruptorAndTheCodecs()
    {
        classes().that().resideInAPackage("io.quantumleap.engine.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                "java.lang..", "java.util", "java.util.function", "java.nio",
                "org.agrona..", "com.lmax.disruptor..",
                "io.quantumleap.engine.core..", "io.quantumleap.engine.protocol..", "io.quantumleap.engine.spi..",
                "io.quantumleap.engine.charges..")
            .allowEmptyShould(true)
            .check(ENGINE);
    }

    @Test
    void chargesShouldImportOnlyTheJdkSoTheCoreTheGatewayAndTheSimulatorMayUseThem()
    {
        classes().that().resideInAPackage("io.quantumleap.engine.charges..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                "java.lang..", "java.util", "java.util.function", "io.quantumleap.engine.charges..")
            .check(ENGINE);
    }

    @Test
    void coreShouldNotReadTheClockOrStartThreads()
    {
        noClasses().that().resideInAPackage("io.quantumleap.engine.core..")
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().resideInAnyPackage("java.time..", "java.util.concurrent..", "java.io..",
                "java.net..", "java.nio.file..", "java.util.random..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .allowEmptyShould(true)
            .check(ENGINE);
    }

    @Test
    void nettyAndAeronShouldStayOutOfTheCore()
    {
        noClasses().that().resideInAPackage("io.quantumleap.engine.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.aeron..", "com.fasterxml..")
            .allowEmptyShould(true)
            .check(ENGINE);
    }
}
