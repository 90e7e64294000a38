package dev.underlay.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency direction of ARCHITECTURE.md: the external-API layers (proxmox, ceph) and the simulator know
 * nothing of Kubernetes or the operator SDK, and the API types know nothing of how they are reconciled.
 */
class LayeringTest {

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.underlay");
    }

    @Test
    void importsTheProductionCode() {
        assertThat(mainClasses.containPackage("dev.underlay.api.v1alpha1")).isTrue();
    }

    @Test
    void externalApiLayersDoNotKnowKubernetes() {
        check(noClasses()
                .that()
                .resideInAnyPackage("dev.underlay.proxmox..", "dev.underlay.ceph..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.fabric8..",
                        "io.javaoperatorsdk..",
                        "io.quarkiverse.operatorsdk..",
                        "dev.underlay.controller..",
                        "dev.underlay.api..",
                        "dev.underlay.observe..",
                        "dev.underlay.simulator..",
                        "dev.underlay.connection.."));
    }

    @Test
    void simulatorDoesNotKnowTheOperator() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.underlay.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.javaoperatorsdk..",
                        "io.quarkiverse.operatorsdk..",
                        "io.fabric8.kubernetes..",
                        "dev.underlay.controller..",
                        "dev.underlay.api..",
                        "dev.underlay.observe.."));
    }

    @Test
    void apiTypesAreOnlyData() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.underlay.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.javaoperatorsdk..",
                        "dev.underlay.controller..",
                        "dev.underlay.proxmox..",
                        "dev.underlay.ceph..",
                        "dev.underlay.simulator..",
                        "dev.underlay.observe.."));
    }

    @Test
    void observationDoesNotReachIntoControllers() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.underlay.observe..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.underlay.controller.."));
    }

    @Test
    void connectionsKnowNoController() {
        check(noClasses()
                .that()
                .resideInAnyPackage("dev.underlay.connection..", "dev.underlay.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.underlay.controller.."));
    }

    private static void check(ArchRule rule) {
        // Layers appear as their issues land; an absent layer has nothing to violate yet.
        rule.allowEmptyShould(true).check(mainClasses);
    }
}
