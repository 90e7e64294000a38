package dev.underlay.simulator.pve.auth;

import dev.underlay.simulator.pve.PveVersion;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The privileges of PVE's built-in Administrator role, per version. */
public final class Privileges {

    private static final List<String> COMMON = List.of(
            "Datastore.Allocate",
            "Datastore.AllocateSpace",
            "Datastore.AllocateTemplate",
            "Datastore.Audit",
            "Group.Allocate",
            "Mapping.Audit",
            "Mapping.Modify",
            "Mapping.Use",
            "Permissions.Modify",
            "Pool.Allocate",
            "Pool.Audit",
            "Realm.Allocate",
            "Realm.AllocateUser",
            "SDN.Allocate",
            "SDN.Audit",
            "SDN.Use",
            "Sys.AccessNetwork",
            "Sys.Audit",
            "Sys.Console",
            "Sys.Incoming",
            "Sys.Modify",
            "Sys.PowerMgmt",
            "Sys.Syslog",
            "User.Modify",
            "VM.Allocate",
            "VM.Audit",
            "VM.Backup",
            "VM.Clone",
            "VM.Config.CDROM",
            "VM.Config.CPU",
            "VM.Config.Cloudinit",
            "VM.Config.Disk",
            "VM.Config.HWType",
            "VM.Config.Memory",
            "VM.Config.Network",
            "VM.Config.Options",
            "VM.Console",
            "VM.Migrate",
            "VM.PowerMgmt",
            "VM.Snapshot",
            "VM.Snapshot.Rollback");

    private Privileges() {}

    public static Set<String> administrator(PveVersion version) {
        Set<String> all = new TreeSet<>(COMMON);
        if (version.atLeast9()) {
            all.add("VM.GuestAgent.Audit");
            all.add("VM.GuestAgent.Unrestricted");
            all.add("VM.Replicate");
        } else {
            all.add("VM.Monitor");
        }
        return all;
    }
}
