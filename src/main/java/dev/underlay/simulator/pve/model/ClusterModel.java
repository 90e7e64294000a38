package dev.underlay.simulator.pve.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything the simulated cluster knows, in one place: nodes, guests, storage definitions and
 * their volumes, HA, Ceph and backup jobs. Plain mutable state; the simulator serialises access.
 */
public final class ClusterModel {

    public final String name;
    public final Map<String, Node> nodes = new LinkedHashMap<>();
    public final TreeMap<Integer, Vm> vms = new TreeMap<>();
    public final Map<String, StorageDef> storages = new LinkedHashMap<>();
    /** Keyed by {@link #volumeKey}. */
    public final Map<String, Volume> volumes = new LinkedHashMap<>();
    /** Guests whose backup archives fail to restore (a fault). */
    public final java.util.Set<Integer> corruptBackupsOf = new java.util.HashSet<>();

    public final Map<String, BackupJob> backupJobs = new LinkedHashMap<>();
    public final HaState ha;
    public final CephState ceph;
    /** Forced quorum loss (fault injection), on top of what the votes say. */
    public boolean quorumLostByFault;

    public ClusterModel(String name, HaState ha, CephState ceph) {
        this.name = name;
        this.ha = ha;
        this.ceph = ceph;
    }

    public int expectedVotes() {
        return nodes.values().stream().mapToInt(n -> n.votes).sum();
    }

    public int onlineVotes() {
        return nodes.values().stream()
                .filter(n -> n.online)
                .mapToInt(n -> n.votes)
                .sum();
    }

    /** Corosync's rule: more than half of the expected votes. */
    public boolean quorate() {
        return !quorumLostByFault && onlineVotes() * 2 > expectedVotes();
    }

    public Optional<Node> node(String nodeName) {
        return Optional.ofNullable(nodes.get(nodeName));
    }

    public List<Vm> vmsOn(String nodeName) {
        return vms.values().stream().filter(v -> v.node.equals(nodeName)).collect(Collectors.toList());
    }

    public static String volumeKey(StorageDef storage, String node, String volid) {
        return (storage.shared() ? "*" : node) + "|" + volid;
    }

    public void addVolume(Volume v) {
        StorageDef def = storages.get(v.storage);
        volumes.put(volumeKey(def, v.node, v.volid), v);
    }

    public Optional<Volume> volume(String node, String volid) {
        String storageId = volid.substring(0, Math.max(0, volid.indexOf(':')));
        StorageDef def = storages.get(storageId);
        if (def == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(volumes.get(volumeKey(def, node, volid)));
    }

    public void removeVolume(Volume v) {
        volumes.values().remove(v);
    }

    /** Volumes visible on {@code node} in {@code storage} (shared ones everywhere). */
    public List<Volume> volumesIn(String storage, String node) {
        StorageDef def = storages.get(storage);
        List<Volume> out = new ArrayList<>();
        for (Volume v : volumes.values()) {
            if (v.storage.equals(storage) && (def == null || def.shared() || node.equals(v.node))) {
                out.add(v);
            }
        }
        return out;
    }

    public long usedBytes(String storage, String node) {
        return volumesIn(storage, node).stream().mapToLong(v -> v.size).sum();
    }

    /** Next free {@code vm-<vmid>-disk-<n>} name on a storage. */
    public String nextDiskName(String storage, String node, int vmid) {
        for (int i = 0; ; i++) {
            String volid = storage + ":vm-" + vmid + "-disk-" + i;
            if (volume(node, volid).isEmpty()) {
                return volid;
            }
        }
    }
}
