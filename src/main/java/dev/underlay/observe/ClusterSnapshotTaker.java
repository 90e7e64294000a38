package dev.underlay.observe;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TlsVerificationException;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.ClusterResource;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.VmResource;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Takes one {@link ClusterSnapshot} with exactly five reads, whatever the number of guests: {@code /cluster/status},
 * {@code /cluster/resources}, {@code /cluster/tasks}, {@code /cluster/ha/status/current} and
 * {@code /cluster/ceph/status}. The PVE version is not read here; the connection knows it from its handshake.
 */
public final class ClusterSnapshotTaker {

    /** The number of Proxmox calls one snapshot costs (the benchmark holds the observer to it). */
    public static final int CALLS_PER_SNAPSHOT = 5;

    private final Clock clock;

    public ClusterSnapshotTaker(Clock clock) {
        this.clock = clock;
    }

    public ClusterSnapshot take(ClusterKey cluster, ProxmoxApi api, PveVersion version) throws ProxmoxApiException {
        ClusterStatus status = api.clusterStatus();
        List<ClusterResource> resources = api.clusterResources();
        List<TaskSummary> tasks = api.clusterTasks();
        List<HaStatusEntry> ha = api.haStatus();
        Optional<CephStatus> ceph = cephStatus(api);
        return new ClusterSnapshot(
                cluster,
                clock.instant(),
                version,
                status,
                only(resources, VmResource.class),
                only(resources, NodeResource.class),
                only(resources, StorageResource.class),
                tasks,
                ha,
                ceph);
    }

    /**
     * A cluster without Ceph answers the status call with an error ("binary not installed", "rados_connect failed");
     * that is an observation (no Ceph), not a failure of the snapshot. Problems with the connection itself are.
     */
    private static Optional<CephStatus> cephStatus(ProxmoxApi api) throws ProxmoxApiException {
        try {
            return Optional.of(api.cephStatus());
        } catch (AuthenticationException | TlsVerificationException | PermissionDeniedException e) {
            throw e;
        } catch (ProxmoxApiException e) {
            if (e.httpStatus() == 0) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private static <T extends ClusterResource> List<T> only(List<ClusterResource> rows, Class<T> type) {
        return rows.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
