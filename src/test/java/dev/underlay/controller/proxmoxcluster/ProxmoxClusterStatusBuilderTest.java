package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.SecretRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutOutcome;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceOutcome;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.Snapshots;
import dev.underlay.proxmox.model.Permissions;
import dev.underlay.proxmox.model.PveVersion;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The ProxmoxCluster's verdict from one snapshot: which problems stop Ready, which only degrade, and the fields. */
class ProxmoxClusterStatusBuilderTest {

    private static final List<String> HOMELAB_NODES = List.of("pve-ms01-01", "pve-ms01-02", "pve-aimax-01");

    @Test
    void healthyClusterIsReadyWithEveryObservedField() {
        ClusterView view =
                view(Snapshots.homelab().vm(101, "pve-ms01-01", "running").build());
        List<ConditionState> conditions =
                ProxmoxClusterStatusBuilder.conditions(spec("homelab-pve", HOMELAB_NODES), view);

        assertThat(condition(conditions, ConditionTypes.READY))
                .extracting(ConditionState::status, ConditionState::reason)
                .containsExactly("True", ConditionReasons.RECONCILED);
        assertThat(condition(conditions, ConditionTypes.CONNECTED).isTrue()).isTrue();
        assertThat(condition(conditions, ConditionTypes.QUORATE).message()).contains("3 of 3 votes present, quorum 2");
        assertThat(condition(conditions, ConditionTypes.DEGRADED))
                .extracting(ConditionState::status, ConditionState::reason)
                .containsExactly("False", ConditionReasons.AS_EXPECTED);

        ProxmoxClusterStatus status = fields(view);
        assertThat(status.getClusterName()).isEqualTo("homelab-pve");
        assertThat(status.getVersion()).isEqualTo("9.1.3");
        assertThat(status.getQuorate()).isTrue();
        assertThat(status.getVotes().expected()).isEqualTo(3);
        assertThat(status.getVotes().total()).isEqualTo(3);
        assertThat(status.getVotes().quorum()).isEqualTo(2);
        assertThat(status.getVotes().derived()).isTrue();
        assertThat(status.getNodesOnline()).isEqualTo("3/3");
        assertThat(status.getNodes())
                .extracting(NodeStatus::name)
                .containsExactly("pve-aimax-01", "pve-ms01-01", "pve-ms01-02");
        NodeStatus node = status.getNodes().get(1);
        assertThat(node.online()).isTrue();
        assertThat(node.cpu()).isEqualTo("0.13");
        assertThat(node.memoryUsedBytes()).isEqualTo(8L << 30);
        assertThat(node.memoryTotalBytes()).isEqualTo(96L << 30);
        assertThat(node.uptimeSeconds()).isEqualTo(259200L);
        assertThat(node.maintenance()).isEqualTo(NodeStatus.MaintenanceState.None);
        assertThat(status.getCeph().health()).isEqualTo("HEALTH_OK");
        assertThat(status.getCeph().osdsUp()).isEqualTo(6);
        assertThat(status.getCeph().osdsIn()).isEqualTo(6);
        assertThat(status.getCeph().osdsTotal()).isEqualTo(6);
        assertThat(status.getCeph().monsInQuorum()).isEqualTo(3);
        assertThat(status.getCeph().flags()).isNull();
        assertThat(status.getMissingPrivileges()).isEmpty();
        assertThat(status.getActiveEndpoint()).isEqualTo("https://pve-1:8006");
        assertThat(status.getLastSnapshotTime()).isEqualTo("2025-11-03T10:00:00Z");
    }

    @Test
    void nameAndNodeMismatchesStopReadyAndNameTheDifference() {
        ClusterView view = view(Snapshots.homelab().build());
        ConditionState wrongName = condition(
                ProxmoxClusterStatusBuilder.conditions(spec("prod-pve", List.of()), view), ConditionTypes.READY);
        assertThat(wrongName.reason()).isEqualTo(ConditionReasons.CLUSTER_NAME_MISMATCH);
        assertThat(wrongName.message()).contains("prod-pve").contains("homelab-pve");

        ConditionState wrongNodes = condition(
                ProxmoxClusterStatusBuilder.conditions(
                        spec(null, List.of("pve-ms01-01", "pve-ms01-02", "pve-ms01-03")), view),
                ConditionTypes.READY);
        assertThat(wrongNodes.reason()).isEqualTo(ConditionReasons.NODES_MISMATCH);
        assertThat(wrongNodes.message())
                .isEqualTo("expected but not in the cluster: pve-ms01-03; in the cluster but "
                        + "not in spec.expectedNodes: pve-aimax-01");
    }

    @Test
    void quorumLostStopsReadyAndSaysNoWriteHappens() {
        ClusterView view = view(Snapshots.homelab()
                .quorate(false)
                .offline("pve-ms01-02")
                .offline("pve-aimax-01")
                .build());
        List<ConditionState> conditions = ProxmoxClusterStatusBuilder.conditions(spec(null, HOMELAB_NODES), view);
        assertThat(condition(conditions, ConditionTypes.READY).reason()).isEqualTo(ConditionReasons.QUORUM_LOST);
        ConditionState quorate = condition(conditions, ConditionTypes.QUORATE);
        assertThat(quorate.status()).isEqualTo("False");
        assertThat(quorate.message()).contains("1 of 3 votes present, quorum 2").contains("no mutating call");
        assertThat(fields(view).getNodesOnline()).isEqualTo("1/3");
    }

    @Test
    void anOfflineNodeAndCephWarningsDegradeButLeaveTheClusterReady() {
        ClusterView view = view(Snapshots.homelab()
                .offline("pve-aimax-01")
                .ceph(Snapshots.ceph(
                        "HEALTH_WARN", Map.of("OSD_DOWN", "2 osds down", "OSDMAP_FLAGS", "noout,noscrub flag(s) set")))
                .build());
        List<ConditionState> conditions = ProxmoxClusterStatusBuilder.conditions(spec(null, HOMELAB_NODES), view);

        assertThat(condition(conditions, ConditionTypes.READY).isTrue()).isTrue();
        ConditionState degraded = condition(conditions, ConditionTypes.DEGRADED);
        assertThat(degraded.status()).isEqualTo("True");
        assertThat(degraded.reason()).isEqualTo(ConditionReasons.NODE_OFFLINE);
        assertThat(degraded.message())
                .startsWith("NodeOffline: pve-aimax-01 is offline")
                .contains(
                        "CephHealthWarn: HEALTH_WARN: OSDMAP_FLAGS: noout,noscrub flag(s) set; OSD_DOWN: 2 osds down");

        ProxmoxClusterStatus status = fields(view);
        assertThat(status.getNodesOnline()).isEqualTo("2/3");
        NodeStatus offline = status.getNodes().get(0);
        assertThat(offline.name()).isEqualTo("pve-aimax-01");
        assertThat(offline.online()).isFalse();
        assertThat(offline.cpu()).isNull();
        assertThat(status.getCeph().flags()).containsExactly("noout", "noscrub");
        assertThat(status.getCeph().checks())
                .containsExactly("OSDMAP_FLAGS: noout,noscrub flag(s) set", "OSD_DOWN: 2 osds down");
    }

    @Test
    void theNooutThisOperatorSetForMaintenanceIsThePlanNotADegradation() {
        ClusterSnapshot snapshot = Snapshots.homelab()
                .ceph(Snapshots.ceph("HEALTH_WARN", Map.of("OSDMAP_FLAGS", "noout flag(s) set")))
                .build();
        MaintenanceOutcome ours = new MaintenanceOutcome(
                Map.of(
                        "pve-ms01-02",
                        new MaintenanceOutcome.NodeMaintenance(
                                NodeStatus.MaintenanceState.InMaintenance, "In maintenance: BIOS update", false)),
                true,
                true);
        MaintenanceOutcome notOurs = new MaintenanceOutcome(Map.of(), false, false);

        ConditionState planned = degraded(snapshot, Optional.of(ours));
        assertThat(planned)
                .extracting(ConditionState::status, ConditionState::reason)
                .containsExactly("False", ConditionReasons.AS_EXPECTED);
        assertThat(planned.message())
                .isEqualTo("all nodes online, Ceph HEALTH_WARN only for the noout flag set for "
                        + "node maintenance, no privilege missing");
        assertThat(degraded(snapshot, Optional.of(notOurs)).reason())
                .as("a person's noout")
                .isEqualTo(ConditionReasons.CEPH_HEALTH_WARN);
        assertThat(degraded(snapshot, Optional.empty()).reason())
                .as("maintenance step did not run")
                .isEqualTo(ConditionReasons.CEPH_HEALTH_WARN);
        ClusterSnapshot more = Snapshots.homelab()
                .ceph(Snapshots.ceph(
                        "HEALTH_WARN", Map.of("OSDMAP_FLAGS", "noout flag(s) set", "OSD_DOWN", "2 osds down")))
                .build();
        assertThat(degraded(more, Optional.of(ours)).reason())
                .as("anything beyond our noout still degrades")
                .isEqualTo(ConditionReasons.CEPH_HEALTH_WARN);
        ClusterSnapshot noscrub = Snapshots.homelab()
                .ceph(Snapshots.ceph("HEALTH_WARN", Map.of("OSDMAP_FLAGS", "noout,noscrub flag(s) set")))
                .build();
        assertThat(degraded(noscrub, Optional.of(ours)).reason()).isEqualTo(ConditionReasons.CEPH_HEALTH_WARN);
    }

    private static ConditionState degraded(ClusterSnapshot snapshot, Optional<MaintenanceOutcome> maintenance) {
        return condition(
                ProxmoxClusterStatusBuilder.conditions(
                        spec(null, List.of()),
                        new ClusterView(
                                snapshot, List.of(), Optional.empty(), maintenance, List.of(), "https://pve-1:8006")),
                ConditionTypes.DEGRADED);
    }

    @Test
    void cephErrorIsNamed() {
        ConditionState degraded = condition(
                ProxmoxClusterStatusBuilder.conditions(
                        spec(null, List.of()),
                        view(Snapshots.homelab()
                                .ceph(Snapshots.ceph(
                                        "HEALTH_ERR", Map.of("PG_DAMAGED", "Possible data damage: 1 pg inconsistent")))
                                .build())),
                ConditionTypes.DEGRADED);
        assertThat(degraded.reason()).isEqualTo(ConditionReasons.CEPH_HEALTH_ERR);
        assertThat(degraded.message()).contains("1 pg inconsistent");
    }

    @Test
    void missingPrivilegesForObservationStopReadyOthersDegrade() {
        ClusterSnapshot snapshot = Snapshots.homelab().build();
        PveVersion version = PveVersion.parse("9.1.3");
        Permissions auditOnly = new Permissions(Map.of("/", Map.of("Sys.Audit", true, "Datastore.Audit", true)));
        ClusterView view = new ClusterView(
                snapshot,
                PrivilegeTable.missing(EnumSet.of(Feature.OBSERVATION, Feature.HA_LAYOUT), version, auditOnly),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                "https://pve-1:8006");
        List<ConditionState> conditions = ProxmoxClusterStatusBuilder.conditions(spec(null, List.of()), view);

        ConditionState ready = condition(conditions, ConditionTypes.READY);
        assertThat(ready.reason()).isEqualTo(ConditionReasons.PERMISSION_DENIED);
        assertThat(ready.message()).contains("VM.Audit on /vms").doesNotContain("Sys.Console");
        ConditionState degraded = condition(conditions, ConditionTypes.DEGRADED);
        assertThat(degraded.reason()).isEqualTo(ConditionReasons.PERMISSION_DENIED);
        assertThat(degraded.message()).contains("Sys.Console on / (HA layout");
        assertThat(fields(view).getMissingPrivileges()).containsExactly("VM.Audit@/vms", "Sys.Console@/");
    }

    @Test
    void syncOutcomesFillHaAndMaintenanceAndAbsentOutcomesKeepTheLastOnes() {
        ClusterSnapshot snapshot = Snapshots.homelab().build();
        HaLayoutOutcome ha =
                new HaLayoutOutcome("Rules", List.of(new HaGroupStatus("production", "Rule", "InSync", null)), false);
        MaintenanceOutcome maintenance = new MaintenanceOutcome(
                Map.of(
                        "pve-ms01-02",
                        new MaintenanceOutcome.NodeMaintenance(
                                NodeStatus.MaintenanceState.Draining, "2 guests to move", false)),
                true,
                true);
        ProxmoxClusterStatus status = new ProxmoxClusterStatus();
        ProxmoxClusterStatusBuilder.fields(
                status,
                spec(null, List.of()),
                new ClusterView(
                        snapshot,
                        List.of(),
                        Optional.of(ha),
                        Optional.of(maintenance),
                        List.of(),
                        "https://pve-1:8006"));
        assertThat(status.getHaMode()).isEqualTo("Rules");
        assertThat(status.getHaGroups()).extracting(HaGroupStatus::name).containsExactly("production");
        NodeStatus draining = status.getNodes().get(2);
        assertThat(draining.name()).isEqualTo("pve-ms01-02");
        assertThat(draining.maintenance()).isEqualTo(NodeStatus.MaintenanceState.Draining);
        assertThat(draining.message()).isEqualTo("2 guests to move");
        assertThat(status.getCephNoOutSetByOperator()).isTrue();

        ClusterView heldBack = new ClusterView(
                snapshot,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                List.of("maintenance: 500 internal error"),
                "https://pve-1:8006");
        ProxmoxClusterStatusBuilder.fields(status, spec(null, List.of()), heldBack);
        assertThat(status.getHaMode()).isEqualTo("Rules");
        assertThat(status.getNodes().get(2).maintenance()).isEqualTo(NodeStatus.MaintenanceState.Draining);
        assertThat(status.getCephNoOutSetByOperator())
                .as("kept: the step did not run")
                .isTrue();
        ConditionState degraded = condition(
                ProxmoxClusterStatusBuilder.conditions(spec(null, List.of()), heldBack), ConditionTypes.DEGRADED);
        assertThat(degraded.reason()).isEqualTo(ConditionReasons.PROXMOX_UNAVAILABLE);
        assertThat(degraded.message()).contains("maintenance: 500 internal error");
    }

    @Test
    void readyMessageCarriesNoVolatileNumbers() {
        ConditionState calm = condition(
                ProxmoxClusterStatusBuilder.conditions(
                        spec(null, List.of()),
                        view(Snapshots.homelab()
                                .vm(101, "pve-ms01-01", "running")
                                .build())),
                ConditionTypes.READY);
        ConditionState busy = condition(
                ProxmoxClusterStatusBuilder.conditions(
                        spec(null, List.of()),
                        view(Snapshots.homelab()
                                .offline("pve-aimax-01")
                                .runningTask("qmstart", "101")
                                .at(Snapshots.AT.plusSeconds(60))
                                .build())),
                ConditionTypes.READY);
        assertThat(busy).isEqualTo(calm);
    }

    private static ClusterView view(ClusterSnapshot snapshot) {
        return new ClusterView(
                snapshot, List.of(), Optional.empty(), Optional.empty(), List.of(), "https://pve-1:8006");
    }

    private static ProxmoxClusterStatus fields(ClusterView view) {
        ProxmoxClusterStatus status = new ProxmoxClusterStatus();
        ProxmoxClusterStatusBuilder.fields(status, spec(null, List.of()), view);
        return status;
    }

    private static ConditionState condition(List<ConditionState> conditions, String type) {
        return conditions.stream()
                .filter(c -> c.type().equals(type))
                .findFirst()
                .orElseThrow();
    }

    static ProxmoxClusterSpec spec(String clusterName, List<String> expectedNodes) {
        return new ProxmoxClusterSpec(
                clusterName,
                List.of("https://pve-1:8006"),
                new SecretRef("pve-token"),
                null,
                expectedNodes,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
