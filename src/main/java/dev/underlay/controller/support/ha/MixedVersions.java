package dev.underlay.controller.support.ha;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.PveVersion;

import java.util.Optional;
import java.util.StringJoiner;

/**
 * Whether the cluster runs PVE 8 and PVE 9 nodes side by side, as during a node-by-node upgrade. Only the node the
 * API answers from reports its version in {@code /version}; the others are asked through
 * {@code /nodes/{node}/status} (pveproxy forwards it), one call per other online node. Offline nodes cannot be
 * asked and are assumed to match.
 */
public final class MixedVersions {

    private MixedVersions() {}

    /** Empty when every online node runs the endpoint's major version; otherwise who runs what. */
    public static Optional<String> describe(ProxmoxApi api, PveVersion endpoint, ClusterStatus status)
            throws ProxmoxApiException {
        StringJoiner differing = new StringJoiner(", ");
        String local = null;
        for (ClusterStatus.Node node : status.nodes()) {
            if (node.local()) {
                local = node.name();
                continue;
            }
            if (!node.online()) {
                continue;
            }
            Optional<PveVersion> version = api.nodeStatus(node.name()).version();
            if (version.isPresent() && version.get().major() != endpoint.major()) {
                differing.add(node.name() + " runs " + version.get());
            }
        }
        if (differing.length() == 0) {
            return Optional.empty();
        }
        return Optional.of("mixed PVE versions mid-upgrade (" + (local == null ? "the API endpoint" : local)
                + " runs " + endpoint + ", " + differing + "): neither HA groups nor HA rules work reliably until "
                + "every node runs PVE 9, so the HA layout is left as it is");
    }
}
