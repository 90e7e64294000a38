package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.SecretRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.proxmox.model.Permissions;
import dev.underlay.proxmox.model.PveVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The privileges per feature, the features a spec turns on, and what a token lacks, per PVE version. */
class PrivilegeTableTest {

    private static final PveVersion PVE8 = PveVersion.parse("8.4.2");
    private static final PveVersion PVE9 = PveVersion.parse("9.1.3");

    @Test
    void guestAgentPrivilegeFollowsTheVersion() {
        assertThat(privileges(Feature.VIRTUAL_MACHINES, PVE8))
                .contains("VM.Monitor")
                .doesNotContain("VM.GuestAgent.Audit");
        assertThat(privileges(Feature.VIRTUAL_MACHINES, PVE9))
                .contains("VM.GuestAgent.Audit")
                .doesNotContain("VM.Monitor");
    }

    @Test
    void theSpecTurnsFeaturesOn() {
        assertThat(PrivilegeTable.enabledBy(spec(List.of(), List.of()))).containsExactly(Feature.OBSERVATION);
        assertThat(PrivilegeTable.enabledBy(spec(
                        List.of(new HaGroupSpec("production", List.of("pve-ms01-01"), null, null, null, null)),
                        List.of(new MaintenanceSpec("pve-ms01-02", "BIOS", true)))))
                .containsExactlyInAnyOrder(
                        Feature.OBSERVATION, Feature.HA_LAYOUT, Feature.MAINTENANCE, Feature.MAINTENANCE_CEPH_NOOUT);
        assertThat(PrivilegeTable.enabledBy(spec(List.of(), List.of(new MaintenanceSpec("pve-ms01-02", null, false)))))
                .containsExactlyInAnyOrder(Feature.OBSERVATION, Feature.MAINTENANCE);
    }

    @Test
    void privilegesPropagatedFromTheRootCountAndEachGapIsListedOnce() {
        Map<String, Boolean> auditor = Map.of("Sys.Audit", true, "VM.Audit", true, "Datastore.Audit", true);
        Permissions token = new Permissions(Map.of("/", auditor));
        assertThat(PrivilegeTable.missing(EnumSet.of(Feature.OBSERVATION), PVE9, token))
                .isEmpty();

        var missing = PrivilegeTable.missing(
                EnumSet.of(Feature.OBSERVATION, Feature.HA_LAYOUT, Feature.MAINTENANCE, Feature.MAINTENANCE_CEPH_NOOUT),
                PVE9,
                token);
        assertThat(missing)
                .extracting(PrivilegeTable.Requirement::key)
                .containsExactly("Sys.Console@/", "VM.Migrate@/vms", "Sys.Modify@/");
        assertThat(missing.get(0).describe()).isEqualTo("Sys.Console on /");
    }

    @Test
    void aPrivilegeThatDoesNotPropagateCountsOnlyOnItsOwnPath() {
        Permissions token =
                new Permissions(Map.of("/", Map.of("Sys.Audit", true, "Datastore.Audit", true, "VM.Audit", false)));
        assertThat(PrivilegeTable.missing(EnumSet.of(Feature.OBSERVATION), PVE8, token))
                .extracting(PrivilegeTable.Requirement::key)
                .containsExactly("VM.Audit@/vms");
    }

    @Test
    void everyFeatureHasARequirementAndTheTableIsPrintableAsTheReadme() {
        Map<Feature, List<String>> byFeature = new TreeMap<>();
        for (PrivilegeTable.Requirement r : PrivilegeTable.all(PVE9)) {
            byFeature.computeIfAbsent(r.feature(), f -> new ArrayList<>()).add(r.describe());
        }
        assertThat(byFeature.keySet()).isEqualTo(Set.of(Feature.values()));
        assertThat(byFeature.get(Feature.OBSERVATION))
                .containsExactly("Sys.Audit on /", "VM.Audit on /vms", "Datastore.Audit on /storage");
    }

    private static List<String> privileges(Feature feature, PveVersion version) {
        return PrivilegeTable.all(version).stream()
                .filter(r -> r.feature() == feature)
                .map(PrivilegeTable.Requirement::privilege)
                .toList();
    }

    private static ProxmoxClusterSpec spec(List<HaGroupSpec> groups, List<MaintenanceSpec> maintenance) {
        return new ProxmoxClusterSpec(
                null,
                List.of("https://pve-1:8006"),
                new SecretRef("pve-token"),
                null,
                null,
                groups,
                maintenance,
                null,
                null,
                null,
                null);
    }
}
