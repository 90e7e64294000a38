package dev.underlay.controller.support.ha;

import dev.underlay.proxmox.HaGroupsMigratedException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.PveVersion;

import java.util.List;
import java.util.Optional;

/**
 * Finds the HA mode anew on every call (nothing is remembered: an upgrade or the groups-to-rules migration can
 * happen between two resyncs) and reads the groups or rules of that mode.
 *
 * <p>PVE 8 has groups only: one {@code GET /cluster/ha/groups}. On PVE 9 the same read decides: once the groups
 * are migrated it answers 500 "migrated to rules" and the rules are read instead (two reads in steady state).
 * When it still answers, the groups are not migrated yet, which PVE does only once every node runs 9: either the
 * migration is about to happen (groups are used until then) or the cluster is mid-upgrade with PVE 8 nodes left,
 * which {@link MixedVersions} tells apart with one {@code /nodes/{node}/status} per other online node.
 */
public final class HaModeProbe {

    private HaModeProbe() {}

    public static HaClusterView read(ProxmoxApi api, PveVersion version, ClusterStatus status)
            throws ProxmoxApiException {
        if (version == null) {
            return HaClusterView.unknown("the cluster's PVE version is not known yet");
        }
        GroupDialect groups = new GroupDialect(api);
        if (version.major() < 9) {
            return HaClusterView.of(groups, groups.list());
        }
        List<HaPlacement> existing;
        try {
            existing = groups.list();
        } catch (HaGroupsMigratedException migrated) {
            RuleDialect rules = new RuleDialect(api);
            return HaClusterView.of(rules, rules.list());
        }
        Optional<String> mixed = MixedVersions.describe(api, version, status);
        if (mixed.isPresent()) {
            return HaClusterView.unknown(mixed.get());
        }
        return HaClusterView.of(groups, existing);
    }
}
