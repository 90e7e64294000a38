package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.CephHealthStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.VotesStatus;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceOutcome;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.Conditions;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.NodeResource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns one resync's {@link ClusterView} into the ProxmoxCluster's conditions and observed status fields. Pure: the
 * whole judgement (what is Ready, what is only Degraded, which reason wins) is tested without Kubernetes or Proxmox.
 *
 * <p>Ready=False only for what should stop the children: the wrong cluster (name or nodes), no quorum, or a token that
 * cannot even observe. A node offline, a Ceph warning or a privilege only some feature needs leave the cluster
 * usable and show as Degraded=True.
 */
public final class ProxmoxClusterStatusBuilder {

    static final String HEALTH_OK = "HEALTH_OK";
    static final String HEALTH_ERR = "HEALTH_ERR";
    private static final String FLAGS_CHECK = "OSDMAP_FLAGS";
    private static final String FLAGS_SUFFIX = " flag(s) set";

    private ProxmoxClusterStatusBuilder() {}

    public static List<ConditionState> conditions(ProxmoxClusterSpec spec, ClusterView view) {
        ClusterSnapshot snapshot = view.snapshot();
        ClusterStatus cluster = snapshot.status();
        String votes = votesText(votes(cluster));
        List<ConditionState> conditions = new ArrayList<>();
        conditions.add(ready(spec, view));
        conditions.add(ConditionState.isTrue(
                ConditionTypes.CONNECTED,
                ConditionReasons.AS_EXPECTED,
                "connected to " + view.activeEndpoint() + ", Proxmox VE " + snapshot.version()));
        conditions.add(
                snapshot.isQuorate()
                        ? ConditionState.isTrue(
                                ConditionTypes.QUORATE, ConditionReasons.AS_EXPECTED, "quorate: " + votes)
                        : ConditionState.isFalse(
                                ConditionTypes.QUORATE, ConditionReasons.QUORUM_LOST, quorumLost(votes)));
        conditions.add(degraded(view));
        return conditions;
    }

    /** Writes the observed fields; HA and maintenance fields keep their last value when their sync could not run. */
    public static void fields(ProxmoxClusterStatus status, ProxmoxClusterSpec spec, ClusterView view) {
        ClusterSnapshot snapshot = view.snapshot();
        ClusterStatus cluster = snapshot.status();
        status.setClusterName(cluster.clusterName());
        status.setVersion(snapshot.version().version());
        status.setQuorate(snapshot.isQuorate());
        status.setVotes(votes(cluster));
        status.setNodesOnline(
                cluster.onlineNodes().size() + "/" + cluster.nodes().size());
        status.setNodes(nodes(snapshot, view, status.getNodes()));
        status.setCeph(snapshot.ceph().map(ProxmoxClusterStatusBuilder::ceph).orElse(null));
        view.maintenance().ifPresent(m -> status.setCephNoOutSetByOperator(m.cephNoOutSetByOperator() ? true : null));
        view.haLayout().ifPresent(ha -> {
            status.setHaMode(ha.haMode());
            status.setHaGroups(ha.groups());
        });
        status.setMissingPrivileges(view.missingPrivileges().stream()
                .map(PrivilegeTable.Requirement::key)
                .toList());
        status.setActiveEndpoint(view.activeEndpoint());
        status.setLastSnapshotTime(Conditions.timestamp(snapshot.fetchedAt()));
    }

    private static ConditionState ready(ProxmoxClusterSpec spec, ClusterView view) {
        ClusterSnapshot snapshot = view.snapshot();
        ClusterStatus cluster = snapshot.status();
        if (spec.clusterName() != null && !spec.clusterName().equals(cluster.clusterName())) {
            return notReady(
                    ConditionReasons.CLUSTER_NAME_MISMATCH,
                    "spec.clusterName is " + spec.clusterName()
                            + " but the endpoints belong to cluster "
                            + (cluster.clusterName() == null ? "none (a stand-alone node)" : cluster.clusterName()));
        }
        Optional<String> nodesDiffer = nodesDifference(spec.expectedNodes(), cluster);
        if (nodesDiffer.isPresent()) {
            return notReady(ConditionReasons.NODES_MISMATCH, nodesDiffer.get());
        }
        if (!snapshot.isQuorate()) {
            return notReady(ConditionReasons.QUORUM_LOST, quorumLost(votesText(votes(cluster))));
        }
        List<PrivilegeTable.Requirement> cannotObserve = view.missingPrivileges().stream()
                .filter(r -> r.feature() == Feature.OBSERVATION)
                .toList();
        if (!cannotObserve.isEmpty()) {
            return notReady(ConditionReasons.PERMISSION_DENIED, privilegesText(cannotObserve));
        }
        // no volatile numbers in this message: every change of Ready wakes all the cluster's children
        return ConditionState.isTrue(
                ConditionTypes.READY,
                ConditionReasons.RECONCILED,
                "cluster "
                        + cluster.clusterName() + " on Proxmox VE "
                        + snapshot.version().major() + "."
                        + snapshot.version().minor() + " is quorate and as specified");
    }

    private static ConditionState degraded(ClusterView view) {
        ClusterSnapshot snapshot = view.snapshot();
        List<String[]> problems = new ArrayList<>();
        List<String> offline = snapshot.status().nodes().stream()
                .filter(n -> !n.online())
                .map(ClusterStatus.Node::name)
                .sorted()
                .toList();
        if (!offline.isEmpty()) {
            problems.add(new String[] {
                ConditionReasons.NODE_OFFLINE,
                String.join(", ", offline) + (offline.size() == 1 ? " is" : " are") + " offline"
            });
        }
        boolean plannedNoOut =
                snapshot.ceph().map(ceph -> onlyOurNoOut(ceph, view)).orElse(false);
        snapshot.ceph()
                .filter(ceph -> !HEALTH_OK.equals(ceph.health()) && !plannedNoOut)
                .ifPresent(ceph -> problems.add(new String[] {
                    HEALTH_ERR.equals(ceph.health())
                            ? ConditionReasons.CEPH_HEALTH_ERR
                            : ConditionReasons.CEPH_HEALTH_WARN,
                    ceph.health() + ": " + String.join("; ", checkSummaries(ceph))
                }));
        List<PrivilegeTable.Requirement> featureGaps = view.missingPrivileges().stream()
                .filter(r -> r.feature() != Feature.OBSERVATION)
                .toList();
        if (!featureGaps.isEmpty()) {
            problems.add(new String[] {ConditionReasons.PERMISSION_DENIED, privilegesText(featureGaps)});
        }
        view.maintenance()
                .map(MaintenanceOutcome::blocked)
                .filter(blocked -> !blocked.isEmpty())
                .ifPresent(blocked -> problems.add(new String[] {
                    ConditionReasons.MAINTENANCE_BLOCKED,
                    blocked.entrySet().stream()
                            .map(e -> "maintenance of " + e.getKey() + " cannot proceed: "
                                    + e.getValue().message())
                            .collect(Collectors.joining("; "))
                }));
        for (String problem : view.syncProblems()) {
            problems.add(new String[] {ConditionReasons.PROXMOX_UNAVAILABLE, problem});
        }
        if (problems.isEmpty()) {
            return ConditionState.isFalse(
                    ConditionTypes.DEGRADED,
                    ConditionReasons.AS_EXPECTED,
                    "all nodes online"
                            + snapshot.ceph().map(c -> ", Ceph " + c.health()).orElse("")
                            + (plannedNoOut ? " only for the noout flag set for node maintenance" : "")
                            + ", no privilege missing");
        }
        return ConditionState.isTrue(
                ConditionTypes.DEGRADED,
                problems.get(0)[0],
                problems.stream().map(p -> p[0] + ": " + p[1]).collect(Collectors.joining("; ")));
    }

    /** "VM.Audit on /vms (observation: guests in /cluster/resources)", joined. */
    static String privilegesText(List<PrivilegeTable.Requirement> missing) {
        return "the API token lacks "
                + missing.stream()
                        .map(r -> r.describe() + " (" + r.feature().label() + ": " + r.why() + ")")
                        .collect(Collectors.joining(", "));
    }

    private static Optional<String> nodesDifference(List<String> expected, ClusterStatus cluster) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        Set<String> actual =
                cluster.nodes().stream().map(ClusterStatus.Node::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> unexpected = new TreeSet<>(actual);
        expected.forEach(unexpected::remove);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("expected but not in the cluster: " + String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            parts.add("in the cluster but not in spec.expectedNodes: " + String.join(", ", unexpected));
        }
        return Optional.of(String.join("; ", parts));
    }

    /**
     * PVE's API reports quorate but not corosync's vote counts, so expected and present votes are counted from the
     * node rows (one vote each) and quorum is their majority; {@code derived} says so in the status.
     */
    static VotesStatus votes(ClusterStatus cluster) {
        int expected = cluster.nodeCount() != null
                ? cluster.nodeCount()
                : cluster.nodes().size();
        return new VotesStatus(expected, cluster.onlineNodes().size(), expected / 2 + 1, true);
    }

    private static String votesText(VotesStatus votes) {
        return votes.total() + " of " + votes.expected() + " votes present, quorum " + votes.quorum();
    }

    private static String quorumLost(String votes) {
        return "the cluster is not quorate (" + votes + "); the operator makes no mutating call until it is";
    }

    private static List<NodeStatus> nodes(ClusterSnapshot snapshot, ClusterView view, List<NodeStatus> previous) {
        Map<String, NodeStatus> before =
                previous.stream().collect(Collectors.toMap(NodeStatus::name, Function.identity(), (a, b) -> a));
        return snapshot.status().nodes().stream()
                .sorted(Comparator.comparing(ClusterStatus.Node::name))
                .map(node -> {
                    Optional<NodeResource> resource = snapshot.node(node.name());
                    // the sync's word when it ran (a null message or flag included), else what status had
                    Optional<MaintenanceOutcome.NodeMaintenance> synced =
                            view.maintenance().map(m -> m.of(node.name()));
                    Optional<NodeStatus> last = Optional.ofNullable(before.get(node.name()));
                    NodeStatus.MaintenanceState maintenance = synced.map(MaintenanceOutcome.NodeMaintenance::state)
                            .orElseGet(
                                    () -> last.map(NodeStatus::maintenance).orElse(NodeStatus.MaintenanceState.None));
                    String message = synced.isPresent()
                            ? synced.get().message()
                            : last.map(NodeStatus::message).orElse(null);
                    Boolean blocked = synced.isPresent()
                            ? (synced.get().blocked() ? Boolean.TRUE : null)
                            : last.map(NodeStatus::maintenanceBlocked).orElse(null);
                    return new NodeStatus(
                            node.name(),
                            node.online(),
                            maintenance,
                            resource.map(NodeResource::cpu)
                                    .map(ProxmoxClusterStatusBuilder::fraction)
                                    .orElse(null),
                            resource.map(NodeResource::mem).orElse(null),
                            resource.map(NodeResource::maxMem).orElse(null),
                            resource.map(NodeResource::uptime).orElse(null),
                            message,
                            blocked);
                })
                .toList();
    }

    private static String fraction(Double value) {
        return value == null ? null : String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * Whether Ceph warns of nothing but the noout flag this operator set for a maintenance: that warning is the plan,
     * not a degradation (any other check, or a flag a person set, still degrades).
     */
    private static boolean onlyOurNoOut(CephStatus ceph, ClusterView view) {
        boolean ours = view.maintenance()
                .map(MaintenanceOutcome::cephNoOutSetByOperator)
                .orElse(false);
        return ours
                && "HEALTH_WARN".equals(ceph.health())
                && ceph.checks().keySet().equals(Set.of(FLAGS_CHECK))
                && List.of("noout").equals(cephFlags(ceph));
    }

    static CephHealthStatus ceph(CephStatus ceph) {
        return new CephHealthStatus(
                ceph.health(),
                checkSummaries(ceph).isEmpty() ? null : checkSummaries(ceph),
                ceph.numUpOsds(),
                ceph.numInOsds(),
                ceph.numOsds(),
                ceph.quorumNames().size(),
                cephFlags(ceph));
    }

    private static List<String> checkSummaries(CephStatus ceph) {
        return ceph.checks().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().summary())
                .sorted()
                .toList();
    }

    /**
     * Cluster-wide OSD flags, read from Ceph's own OSDMAP_FLAGS health check ("noout,noscrub flag(s) set") instead
     * of a sixth call per resync.
     */
    static List<String> cephFlags(CephStatus ceph) {
        CephStatus.HealthCheck check = ceph.checks().get(FLAGS_CHECK);
        if (check == null || check.summary() == null || !check.summary().endsWith(FLAGS_SUFFIX)) {
            return null;
        }
        String flags = check.summary()
                .substring(0, check.summary().length() - FLAGS_SUFFIX.length())
                .trim();
        return Arrays.stream(flags.split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty())
                .sorted()
                .toList();
    }

    private static ConditionState notReady(String reason, String message) {
        return ConditionState.isFalse(ConditionTypes.READY, reason, message);
    }
}
