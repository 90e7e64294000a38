package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.ClusterResource;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.VmResource;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Takes a snapshot with the calls the cluster observer makes: version, status, resources, tasks, HA, Ceph. */
final class SnapshotReader {

    private SnapshotReader() {}

    static ClusterSnapshot take(ClusterKey key, ProxmoxApi api, Clock clock) throws ProxmoxApiException {
        var version = api.version();
        var status = api.clusterStatus();
        List<ClusterResource> resources = api.clusterResources();
        var tasks = api.clusterTasks();
        var ha = api.haStatus();
        Optional<CephStatus> ceph;
        try {
            ceph = Optional.of(api.cephStatus());
        } catch (ProxmoxApiException e) {
            ceph = Optional.empty();
        }
        return new ClusterSnapshot(
                key,
                clock.instant(),
                version,
                status,
                of(resources, VmResource.class),
                of(resources, NodeResource.class),
                of(resources, StorageResource.class),
                tasks,
                ha,
                ceph);
    }

    private static <T> List<T> of(List<ClusterResource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
