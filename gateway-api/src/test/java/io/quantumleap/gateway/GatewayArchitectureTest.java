package io.quantumleap.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class GatewayArchitectureTest
{
    private static final JavaClasses GATEWAY = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.quantumleap.gateway");

    @Test
    void gatewayShouldNotDependOnBenchmarks()
    {
        noClasses().that().resideInAPackage("io.quantumleap.gateway..")
            .should().dependOnClassesThat().resideInAPackage("io.quantumleap.benchmarks..")
            .check(GATEWAY);
    }

    @Test
    void gatewayShouldNotUseJdbcDirectly()
    {
        noClasses().that().resideInAPackage("io.quantumleap.gateway..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .allowEmptyShould(true)
            .check(GATEWAY);
    }

    @Test
    void controllersShouldRunOffTheServersEventLoopWhichMayBeTheEnginesCoreThread()
    {
        classes().that().areAnnotatedWith(Controller.class)
            .should().beAnnotatedWith(ExecuteOn.class)
            .check(GATEWAY);
    }
}
