package io.quantumleap.persistence;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class PersistenceArchitectureTest
{
    private static final JavaClasses PERSISTENCE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.quantumleap.persistence");

    @Test
    void persistenceShouldNotDependOnTheGatewayOrBenchmarks()
    {
        noClasses().that().resideInAPackage("io.quantumleap.persistence..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.quantumleap.gateway..", "io.quantumleap.benchmarks..")
            .allowEmptyShould(true)
            .check(PERSISTENCE);
    }

    @Test
    void persistenceShouldNotUseMicronautOrNetty()
    {
        noClasses().that().resideInAPackage("io.quantumleap.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.netty..", "io.aeron..")
            .allowEmptyShould(true)
            .check(PERSISTENCE);
    }

    @Test
    void persistenceShouldUseOnlyThePublicApiOfEngineAndJournal()
    {
        noClasses().that().resideInAPackage("io.quantumleap.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quantumleap.journal..internal..",
                "io.quantumleap.engine..internal..")
            .allowEmptyShould(true)
            .check(PERSISTENCE);
    }
}
