package dev.underlay.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

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

    private static final List<String> KINDS = List.of("proxmoxcluster", "talosnodevm", "cephpool", "backuppolicy");

    /** A kind's controller copies or moves shared knowledge into controller.support, never imports another kind. */
    @Test
    void noKindControllerImportsAnotherKindsController() {
        for (String kind : KINDS) {
            String[] others = KINDS.stream()
                    .filter(other -> !other.equals(kind))
                    .map(other -> "dev.underlay.controller." + other + "..")
                    .toArray(String[]::new);
            check(noClasses()
                    .that()
                    .resideInAPackage("dev.underlay.controller." + kind + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .as("controller." + kind + " imports no other kind's controller package"));
        }
    }

    @Test
    void sharedControllerKnowledgeKnowsNoKindsController() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.underlay.controller.support..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(KINDS.stream()
                        .map(kind -> "dev.underlay.controller." + kind + "..")
                        .toArray(String[]::new)));
    }

    /** Each sync's interface, outcome and release live in its subpackage, so the reconciler depends on them only. */
    @Test
    void theProxmoxClusterSyncsDoNotReachBackIntoTheirReconciler() {
        check(noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.underlay.controller.proxmoxcluster.ha..",
                        "dev.underlay.controller.proxmoxcluster.maintenance..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.underlay.controller.proxmoxcluster"));
        check(noClasses()
                .that()
                .resideInAPackage("dev.underlay.controller.proxmoxcluster.ha..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.underlay.controller.proxmoxcluster.maintenance.."));
        check(noClasses()
                .that()
                .resideInAPackage("dev.underlay.controller.proxmoxcluster.maintenance..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.underlay.controller.proxmoxcluster.ha.."));
    }

    /** The simulator is reached through the connection layer's simulator backend, or by the embedded mode. */
    @Test
    void onlyTheSimulatorBackendAndTheEmbeddedModeImportTheSimulator() {
        check(noClasses()
                .that()
                .resideOutsideOfPackages("dev.underlay.simulator..", "dev.underlay.embedded..")
                .and(DescribedPredicate.not(SIMULATOR_BACKEND))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.underlay.simulator.."));
    }

    private static final DescribedPredicate<JavaClass> SIMULATOR_BACKEND = DescribedPredicate.describe(
            "the connection layer's simulator backend",
            type -> type.getPackageName().equals("dev.underlay.connection")
                    && Set.of("SimulatorBackend", "SimulatorRegistry", "RegistryTransport")
                            .contains(type.getSimpleName().replaceAll("\\$.*", "")));

    @Test
    void nothingImportsTheEmbeddedMode() {
        check(noClasses()
                .that()
                .resideOutsideOfPackage("dev.underlay.embedded..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.underlay.embedded.."));
    }

    /** Observation is plain data and a store; only its event source adapts it to the operator SDK. */
    @Test
    void inObserveOnlyTheEventSourceKnowsTheOperatorSdk() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.underlay.observe..")
                .and()
                .doNotHaveSimpleName("SnapshotEventSource")
                .and(DescribedPredicate.not(DescribedPredicate.describe(
                        "nested in SnapshotEventSource",
                        type -> type.getName().startsWith("dev.underlay.observe.SnapshotEventSource$"))))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.javaoperatorsdk.."));
    }

    private static void check(ArchRule rule) {
        // Layers appear as their issues land; an absent layer has nothing to violate yet.
        rule.allowEmptyShould(true).check(mainClasses);
    }
}
