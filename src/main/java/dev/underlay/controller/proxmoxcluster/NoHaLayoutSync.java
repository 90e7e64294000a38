package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Until the HA layout sync lands, declared groups are reported as not applied rather than silently ignored. */
@ApplicationScoped
@DefaultBean
public class NoHaLayoutSync implements HaLayoutSync {

    @Override
    public HaLayoutOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot) {
        var groups = cluster.getSpec().haGroups().stream()
                .map(g -> new HaGroupStatus(g.name(), null, "Pending", "HA layout sync not implemented yet"))
                .toList();
        return new HaLayoutOutcome("Unknown", groups, false);
    }
}
