package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutOutcome;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutSync;
import dev.underlay.controller.proxmoxcluster.ha.PveHaLayoutSync;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.NodePriority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test stand-in for the HA layout seam (enabled by {@link SimulatedClusters}, used for clusters labelled
 * {@value SimulatedClusters#WRITING_SEAMS_LABEL}; every other cluster gets the real {@link PveHaLayoutSync}): creates
 * each declared HA group (PVE 8) that does not exist yet, through the client the observer hands in, with the real
 * sync's ownership marker. It exists so that a test can watch the quorum gate stop a write the seam would make, and
 * the real cleanup release what was created.
 */
@Alternative
@ApplicationScoped
public class WritingHaLayoutSync implements HaLayoutSync {

    @Inject
    PveHaLayoutSync production;

    @Override
    public HaLayoutOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException {
        if (!SimulatedClusters.wantsWritingSeams(cluster)) {
            return production.sync(cluster, api, snapshot);
        }
        List<HaGroupSpec> declared = cluster.getSpec().haGroups();
        if (declared.isEmpty()) {
            return HaLayoutOutcome.nothingDeclared("Groups");
        }
        Set<String> existing = api.haGroups().stream().map(HaGroup::group).collect(Collectors.toSet());
        List<HaGroupStatus> groups = new ArrayList<>();
        boolean changed = false;
        for (HaGroupSpec group : declared) {
            if (existing.contains(group.name())) {
                groups.add(new HaGroupStatus(group.name(), "Group", "InSync", null));
                continue;
            }
            // marked the way the real sync marks what it owns, so that the real cleanup releases it
            api.createHaGroup(new HaGroup(
                    group.name(),
                    NodePriority.parseList(String.join(",", group.nodes())),
                    group.restricted(),
                    group.noFailback(),
                    "underlay.dev/owner=underlay/" + cluster.getMetadata().getNamespace() + "/"
                            + cluster.getMetadata().getName(),
                    null));
            groups.add(new HaGroupStatus(group.name(), "Group", "Created", null));
            changed = true;
        }
        return new HaLayoutOutcome("Groups", groups, changed);
    }
}
