package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.stream.Collectors;

/** Until node maintenance lands, requested maintenance is reported as not started rather than silently ignored. */
@ApplicationScoped
@DefaultBean
public class NoMaintenanceSync implements MaintenanceSync {

    @Override
    public MaintenanceOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot) {
        var nodes = cluster.getSpec().maintenance().stream().collect(Collectors.toMap(MaintenanceSpec::node,
                m -> new MaintenanceOutcome.NodeMaintenance(NodeStatus.MaintenanceState.None,
                        "node maintenance not implemented yet")));
        return new MaintenanceOutcome(nodes, false);
    }
}
