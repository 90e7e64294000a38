package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.controller.support.ha.HaNodeAffinities;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.MigratePrecondition;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.VmResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides where every guest on a node goes before anything is touched, so that a maintenance that cannot complete
 * is refused up front instead of leaving the node half-drained. Pure: snapshot and migrate preconditions in, plan
 * out.
 *
 * <p>Memory: a running guest needs its maxmem on the target, a stopped one nothing. Guests are placed largest first,
 * each on the allowed node with the most free memory left, which keeps the survivors balanced.
 *
 * <p>HA guests go where their HA group or node-affinity rule puts them: among the nodes it lists, those of the highest
 * priority still available (where the CRM would move them anyway). A restricted group or strict rule with no other
 * node available refuses the maintenance; otherwise a guest whose listed nodes are all gone may go anywhere.
 */
final class EvacuationPlanner {

    private EvacuationPlanner() {}

    /**
     * @param preconditions       the migrate precondition of every QEMU guest on the node, by vmid
     * @param unavailableTargets  nodes that must not receive guests (themselves in maintenance)
     * @param affinities          HA groups/rules of the HA-managed guests
     */
    static EvacuationPlan plan(
            String node,
            ClusterSnapshot snapshot,
            Map<Integer, MigratePrecondition> preconditions,
            Set<String> unavailableTargets,
            HaNodeAffinities affinities) {
        Map<String, Long> free = freeMemory(node, snapshot, unavailableTargets);
        List<VmResource> guests = snapshot.guestsOn(node).stream()
                .sorted(Comparator.comparingInt(VmResource::vmid))
                .toList();
        if (guests.isEmpty()) {
            return new EvacuationPlan.Placement(List.of());
        }
        if (free.isEmpty()) {
            return new EvacuationPlan.Refused("no other online node can take the guests of " + node);
        }
        Map<VmResource, Set<String>> allowed = new LinkedHashMap<>();
        for (VmResource guest : guests) {
            Optional<String> refusal = refusal(guest, snapshot, preconditions.get(guest.vmid()));
            if (refusal.isPresent()) {
                return new EvacuationPlan.Refused(refusal.get());
            }
            Set<String> targets = targets(free.keySet(), preconditions.get(guest.vmid()));
            if (targets.isEmpty()) {
                return new EvacuationPlan.Refused("" + Guests.label(guest) + " may go to no other node"
                        + reasons(preconditions.get(guest.vmid())));
            }
            Optional<HaNodeAffinities.Affinity> affinity =
                    Guests.haManaged(guest, snapshot) ? affinities.of(Guests.sid(guest)) : Optional.empty();
            if (affinity.isPresent()) {
                Set<String> preferred = affinity.get().preferred(targets);
                if (preferred.isEmpty() && affinity.get().strict()) {
                    return new EvacuationPlan.Refused("" + Guests.label(guest) + " may run only where its "
                            + affinity.get().describe() + " allows, and none of those nodes but " + node
                            + " can take it");
                }
                if (!preferred.isEmpty()) {
                    targets = preferred;
                }
            }
            allowed.put(guest, targets);
        }
        return place(snapshot, allowed, free);
    }

    private static Map<String, Long> freeMemory(String node, ClusterSnapshot snapshot, Set<String> unavailable) {
        Map<String, Long> free = new TreeMap<>();
        for (NodeResource n : snapshot.nodes()) {
            if (n.isOnline() && !n.node().equals(node) && !unavailable.contains(n.node())) {
                long max = n.maxMem() == null ? 0 : n.maxMem();
                long used = n.mem() == null ? max : n.mem();
                free.put(n.node(), Math.max(0, max - used));
            }
        }
        return free;
    }

    private static Optional<String> refusal(VmResource guest, ClusterSnapshot snapshot, MigratePrecondition pre) {
        boolean ha = Guests.haManaged(guest, snapshot);
        if (!guest.isQemu() && !ha) {
            return Optional.of("" + Guests.label(guest) + " is a container that HA does not manage; "
                    + "containers only restart-migrate, so move it by hand");
        }
        if (pre == null) {
            return Optional.empty();
        }
        Optional<MigratePrecondition.LocalDisk> disk = pre.localDisks().stream().findFirst();
        if (guest.isRunning() && disk.isPresent()) {
            return Optional.of("" + Guests.label(guest) + " has local "
                    + (disk.get().cdrom() ? "CD-ROM " : "disk ") + disk.get().volid()
                    + " (a live migration cannot take it: move it to shared storage or stop the VM)");
        }
        if (!pre.localResources().isEmpty()) {
            return Optional.of("" + Guests.label(guest) + " uses local resources "
                    + String.join(", ", pre.localResources()) + " and cannot migrate");
        }
        return Optional.empty();
    }

    private static Set<String> targets(Set<String> candidates, MigratePrecondition pre) {
        Set<String> targets = new TreeSet<>(candidates);
        if (pre != null) {
            targets.removeAll(pre.notAllowedNodes().keySet());
            // PVE fills allowed_nodes only in some versions and states; when it does, it is authoritative
            if (!pre.allowedNodes().isEmpty()) {
                targets.retainAll(pre.allowedNodes());
            }
        }
        return targets;
    }

    private static String reasons(MigratePrecondition pre) {
        if (pre == null || pre.notAllowedNodes().isEmpty()) {
            return "";
        }
        return ": "
                + pre.notAllowedNodes().entrySet().stream()
                        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                        .collect(Collectors.joining("; "));
    }

    private static EvacuationPlan place(
            ClusterSnapshot snapshot, Map<VmResource, Set<String>> allowed, Map<String, Long> free) {
        long need = 0;
        long have = free.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> left = new HashMap<>(free);
        List<VmResource> order = new ArrayList<>(allowed.keySet());
        order.sort(Comparator.comparingLong(EvacuationPlanner::memoryNeed)
                .reversed()
                .thenComparingInt(VmResource::vmid));
        List<GuestMove> moves = new ArrayList<>();
        String misfit = null;
        for (VmResource guest : order) {
            long bytes = memoryNeed(guest);
            need += bytes;
            String best = allowed.get(guest).stream()
                    .max(Comparator.comparingLong((String n) -> left.get(n)).thenComparing(Comparator.reverseOrder()))
                    .orElseThrow();
            if (left.get(best) < bytes && misfit == null) {
                misfit = "" + Guests.label(guest) + " needs " + Gib.of(bytes) + " but no node it may go to "
                        + "has that much free (most: " + Gib.of(left.get(best)) + " on " + best + ")";
            }
            left.put(best, left.get(best) - bytes);
            moves.add(new GuestMove(guest.vmid(), Guests.sid(guest), best, method(guest, snapshot), bytes));
        }
        if (need > have) {
            return new EvacuationPlan.Refused(
                    "not enough memory on other nodes: need " + Gib.of(need) + ", have " + Gib.of(have));
        }
        if (misfit != null) {
            return new EvacuationPlan.Refused(misfit);
        }
        moves.sort(Comparator.comparingInt(GuestMove::vmid));
        return new EvacuationPlan.Placement(moves);
    }

    private static long memoryNeed(VmResource guest) {
        return guest.isRunning() && guest.maxMem() != null ? guest.maxMem() : 0;
    }

    private static GuestMove.Method method(VmResource guest, ClusterSnapshot snapshot) {
        if (Guests.haManaged(guest, snapshot)) {
            return GuestMove.Method.HA;
        }
        return guest.isRunning() ? GuestMove.Method.ONLINE : GuestMove.Method.OFFLINE;
    }
}
