package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.ha.HaClusterView;
import dev.underlay.controller.support.ha.HaMode;
import dev.underlay.controller.support.ha.HaModeProbe;
import dev.underlay.controller.support.ha.HaPlacement;
import dev.underlay.controller.support.ha.MixedVersions;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.PveVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps {@code spec.haGroups} on the cluster as HA groups or node-affinity HA rules (see the package docs for the
 * mapping and the marker). Each call probes the mode, reads what is there, plans, and writes only when the plan
 * says so: a second call with nothing changed writes nothing.
 *
 * <p>Writes wait, reported as Pending, while the snapshot says the cluster is not quorate; a quorum gate that
 * trips between snapshot and write throws, and that is passed on. Before the first write through a PVE 8 endpoint
 * the other nodes' versions are checked, so a cluster mid-upgrade is reported as Unknown instead of written to.
 */
@ApplicationScoped
public class PveHaLayoutSync implements HaLayoutSync, HaLayoutCleanup {

    private final HaMembers members;
    private final String ownerId;

    @Inject
    public PveHaLayoutSync(HaMembers members, UnderlayConfig config) {
        this(members, config.operator().ownerId());
    }

    public PveHaLayoutSync(HaMembers members, String ownerId) {
        this.members = members;
        this.ownerId = ownerId;
    }

    @Override
    public HaLayoutOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException {
        ProxmoxClusterSpec spec = cluster.getSpec();
        HaClusterView view = HaModeProbe.read(api, snapshot.version(), snapshot.status());
        if (!view.isKnown()) {
            return unknown(spec, view.reason());
        }
        Map<String, HaResource> resources = Map.of();
        List<HaMember> guests = List.of();
        if (view.mode() == HaMode.Rules && !spec.haGroups().isEmpty()) {
            resources = bySid(api.haResources());
            guests = members.of(cluster);
        }
        List<GroupPlan> plans = new HaLayoutPlanner(owner(cluster), spec.managementPolicy(), view, resources, guests)
                .plan(spec.haGroups());
        String mode = view.mode().name();
        if (plans.stream().noneMatch(GroupPlan::hasWrites)) {
            return new HaLayoutOutcome(mode, statuses(plans), false);
        }
        if (!snapshot.isQuorate()) {
            return new HaLayoutOutcome(
                    mode, plans.stream().map(PveHaLayoutSync::waitForQuorum).toList(), false);
        }
        Optional<String> mixed = mixedBeforeGroupWrites(api, view, snapshot.version(), snapshot.status());
        if (mixed.isPresent()) {
            return unknown(spec, mixed.get());
        }
        HaLayoutWriter.Result result = new HaLayoutWriter(view.dialect(), api, key(cluster)).apply(plans);
        return new HaLayoutOutcome(mode, result.statuses(), result.changed());
    }

    @Override
    public HaCleanupResult removeOwned(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException {
        ProxmoxClusterSpec spec = cluster.getSpec();
        if (spec.managementPolicy() == ManagementPolicy.Observe) {
            return new HaCleanupResult(HaMode.Unknown.name(), List.of(), List.of(), List.of());
        }
        HaClusterView view = HaModeProbe.read(api, snapshot.version(), snapshot.status());
        String mode = view.mode().name();
        if (!view.isKnown()) {
            return new HaCleanupResult(mode, List.of(), List.of(), List.of(view.reason()));
        }
        OwnerMarker.Owner owner = owner(cluster);
        boolean delete = spec.deletionPolicy() == DeletionPolicy.Delete;
        List<GroupPlan> plans = new ArrayList<>();
        for (HaPlacement owned : view.placements().values()) {
            if (OwnerMarker.isOwnedBy(owned.comment(), owner)) {
                HaWrite write = delete
                        ? new HaWrite.Delete(owned.id())
                        : new HaWrite.Update(owned.withComment(OwnerMarker.userComment(owned.comment())));
                plans.add(new GroupPlan(
                        List.of(write),
                        new HaGroupStatus(
                                owned.id(), view.mode().kind(), delete ? HaStates.DELETED : HaStates.UPDATED, null),
                        GroupPlan.DELETE));
            }
        }
        if (plans.isEmpty()) {
            return new HaCleanupResult(mode, List.of(), List.of(), List.of());
        }
        if (!snapshot.isQuorate()) {
            return new HaCleanupResult(mode, List.of(), List.of(), List.of("waiting for quorum"));
        }
        Optional<String> mixed = mixedBeforeGroupWrites(api, view, snapshot.version(), snapshot.status());
        if (mixed.isPresent()) {
            return new HaCleanupResult(HaMode.Unknown.name(), List.of(), List.of(), List.of(mixed.get()));
        }
        HaLayoutWriter.Result result = new HaLayoutWriter(view.dialect(), api, key(cluster)).apply(plans);
        List<String> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (HaGroupStatus s : result.statuses()) {
            if (HaStates.ERROR.equals(s.state()) || HaStates.PENDING.equals(s.state())) {
                problems.add(s.name() + ": " + s.message());
            } else {
                done.add(s.name());
            }
        }
        return new HaCleanupResult(mode, delete ? done : List.of(), delete ? List.of() : done, problems);
    }

    /**
     * A PVE 8 endpoint cannot tell by itself that other nodes already run 9; the probe has checked this already
     * for a PVE 9 endpoint with unmigrated groups, and migrated rules mean every node runs 9.
     */
    private static Optional<String> mixedBeforeGroupWrites(
            ProxmoxApi api, HaClusterView view, PveVersion version, ClusterStatus status) throws ProxmoxApiException {
        if (view.mode() != HaMode.Groups || version.major() >= 9) {
            return Optional.empty();
        }
        return MixedVersions.describe(api, version, status);
    }

    private static HaLayoutOutcome unknown(ProxmoxClusterSpec spec, String reason) {
        List<HaGroupStatus> statuses = spec.haGroups().stream()
                .map(g -> new HaGroupStatus(g.name(), null, HaStates.PENDING, reason))
                .toList();
        return new HaLayoutOutcome(HaMode.Unknown.name(), statuses, false);
    }

    private static HaGroupStatus waitForQuorum(GroupPlan plan) {
        HaGroupStatus s = plan.status();
        if (!plan.hasWrites()) {
            return s;
        }
        String detail = s.message() == null ? "" : "; then: " + s.message();
        return HaLayoutWriter.withState(
                s, HaStates.PENDING, "waiting for quorum (would be " + s.state() + ")" + detail);
    }

    private static List<HaGroupStatus> statuses(List<GroupPlan> plans) {
        return plans.stream().map(GroupPlan::status).toList();
    }

    private static Map<String, HaResource> bySid(List<HaResource> resources) {
        Map<String, HaResource> out = new LinkedHashMap<>();
        resources.forEach(r -> out.put(r.sid(), r));
        return out;
    }

    private OwnerMarker.Owner owner(ProxmoxCluster cluster) {
        return new OwnerMarker.Owner(
                ownerId,
                cluster.getMetadata().getNamespace(),
                cluster.getMetadata().getName(),
                cluster.getMetadata().getUid());
    }

    private static String key(ProxmoxCluster cluster) {
        return ClusterKey.of(cluster).toString();
    }
}
