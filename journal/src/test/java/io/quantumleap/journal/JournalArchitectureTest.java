package io.quantumleap.journal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class JournalArchitectureTest
{
    private static final JavaClasses JOURNAL = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.quantumleap.journal");

    @Test
    void journalShouldDependOnlyOnTheEngineAmongOurModules()
    {
        noClasses().that().resideInAPackage("io.quantumleap.journal..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.quantumleap.persistence..", "io.quantumleap.gateway..", "io.quantumleap.benchmarks..")
            .allowEmptyShould(true)
            .check(JOURNAL);
    }

    @Test
    void journalShouldNotUseEngineInternals()
    {
        noClasses().that().resideInAPackage("io.quantumleap.journal..")
            .should().dependOnClassesThat().resideInAPackage("io.quantumleap.engine..internal..")
            .allowEmptyShould(true)
            .check(JOURNAL);
    }
}
