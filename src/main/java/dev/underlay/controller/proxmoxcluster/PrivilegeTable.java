package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.proxmox.model.Permissions;
import dev.underlay.proxmox.model.PveVersion;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Proxmox privileges each feature needs, taken from the permission checks of the endpoints it calls in the official
 * API schemas (8.4.2, 9.1.3). One table, so the pre-check, the README's "minimal role per feature" and the tests read
 * the same facts. Version-aware: PVE 9 dropped VM.Monitor; reading guest-agent data needs VM.GuestAgent.Audit there.
 */
public final class PrivilegeTable {

    private PrivilegeTable() {}

    /** Every requirement of every feature for this PVE version, in table order. */
    public static List<Requirement> all(PveVersion version) {
        List<Requirement> table = new ArrayList<>();
        // /cluster/status, /cluster/ha/status/current, /cluster/ceph/status, /cluster/tasks of other users
        table.add(new Requirement(Feature.OBSERVATION, "Sys.Audit", "/", "cluster status, HA status, Ceph status"));
        // /cluster/resources silently leaves out what the token may not see: without these the snapshot would
        // show a cluster without guests or storages instead of failing
        table.add(new Requirement(Feature.OBSERVATION, "VM.Audit", "/vms", "guests in /cluster/resources"));
        table.add(
                new Requirement(Feature.OBSERVATION, "Datastore.Audit", "/storage", "storages in /cluster/resources"));

        table.add(new Requirement(Feature.HA_LAYOUT, "Sys.Console", "/", "create/update/delete HA groups and rules"));

        table.add(new Requirement(Feature.MAINTENANCE, "VM.Migrate", "/vms", "migrate guests off the node"));
        table.add(new Requirement(Feature.MAINTENANCE, "Sys.Console", "/", "migrate HA-managed guests through HA"));
        table.add(new Requirement(
                Feature.MAINTENANCE_CEPH_NOOUT, "Sys.Modify", "/", "set and clear the Ceph noout flag"));

        for (String privilege : List.of(
                "VM.Allocate",
                "VM.Config.CPU",
                "VM.Config.Memory",
                "VM.Config.Disk",
                "VM.Config.Network",
                "VM.Config.Options",
                "VM.Config.HWType",
                "VM.Config.CDROM",
                "VM.Config.Cloudinit",
                "VM.PowerMgmt",
                "VM.Migrate",
                "VM.Clone")) {
            table.add(new Requirement(
                    Feature.VIRTUAL_MACHINES, privilege, "/vms", "create (or clone), configure, start, move VMs"));
        }
        table.add(new Requirement(
                Feature.VIRTUAL_MACHINES,
                version.isAtLeast(9, 0) ? "VM.GuestAgent.Audit" : "VM.Monitor",
                "/vms",
                "read guest-agent IP addresses"));
        table.add(
                new Requirement(Feature.VIRTUAL_MACHINES, "Datastore.AllocateSpace", "/storage", "allocate VM disks"));
        table.add(new Requirement(Feature.VIRTUAL_MACHINES, "SDN.Use", "/sdn", "attach NICs to bridges/VLANs"));
        table.add(new Requirement(Feature.VIRTUAL_MACHINES, "Sys.Console", "/", "HA resources of HA-enabled VMs"));

        table.add(new Requirement(Feature.CEPH_POOLS, "Sys.Modify", "/", "create, change, delete Ceph pools"));
        table.add(
                new Requirement(Feature.CEPH_POOLS, "Datastore.Allocate", "/storage", "register pools as PVE storage"));

        table.add(new Requirement(Feature.BACKUPS, "Sys.Modify", "/", "create and change backup jobs"));
        table.add(new Requirement(Feature.BACKUPS, "VM.Backup", "/vms", "run and restore backups"));
        table.add(
                new Requirement(Feature.BACKUPS, "VM.Allocate", "/vms", "restore-test VMs (created, then destroyed)"));
        table.add(new Requirement(Feature.BACKUPS, "VM.PowerMgmt", "/vms", "boot the restore-test VM"));
        table.add(new Requirement(Feature.BACKUPS, "Datastore.AllocateSpace", "/storage", "write backup archives"));
        return table;
    }

    /**
     * Features this version checks from the ProxmoxCluster spec alone. The child kinds' features are in the table
     * for the README but not checked yet: the cluster controller does not know whether such children exist.
     */
    public static Set<Feature> enabledBy(ProxmoxClusterSpec spec) {
        Set<Feature> features = EnumSet.of(Feature.OBSERVATION);
        if (!spec.haGroups().isEmpty()) {
            features.add(Feature.HA_LAYOUT);
        }
        if (!spec.maintenance().isEmpty()) {
            features.add(Feature.MAINTENANCE);
        }
        if (spec.maintenance().stream().anyMatch(MaintenanceSpec::isCephNoOut)) {
            features.add(Feature.MAINTENANCE_CEPH_NOOUT);
        }
        return features;
    }

    /** What the token lacks for these features, one entry per privilege and path (first feature that needs it). */
    public static List<Requirement> missing(Set<Feature> features, PveVersion version, Permissions permissions) {
        Map<String, Requirement> missing = new LinkedHashMap<>();
        for (Requirement requirement : all(version)) {
            if (features.contains(requirement.feature())
                    && !permissions.has(requirement.path(), requirement.privilege())) {
                missing.putIfAbsent(requirement.privilege() + "@" + requirement.path(), requirement);
            }
        }
        return List.copyOf(missing.values());
    }

    /**
     * One privilege a feature needs on a path.
     *
     * @param why what the feature does with it (for the README and messages)
     */
    public record Requirement(Feature feature, String privilege, String path, String why) {

        /** privilege@path, the status.missingPrivileges form. */
        public String key() {
            return privilege + "@" + path;
        }

        /** "privilege on path", the condition message form. */
        public String describe() {
            return privilege + " on " + path;
        }
    }
}
