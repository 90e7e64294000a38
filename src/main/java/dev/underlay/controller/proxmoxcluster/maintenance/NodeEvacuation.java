package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState;
import dev.underlay.controller.support.disruption.DisruptionBudget;
import dev.underlay.controller.support.disruption.DisruptionHolder;
import dev.underlay.controller.support.disruption.DrainProgress;
import dev.underlay.controller.support.disruption.KubernetesView;
import dev.underlay.controller.support.disruption.TalosGuest;
import dev.underlay.controller.support.ha.HaNodeAffinities;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.MigratePrecondition;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.VmResource;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One step of one maintenance entry. Each step re-derives where the entry stands from the snapshot, the Kubernetes
 * Nodes and the entry's memory, then does at most the next thing:
 * <ol>
 *   <li>gates: node known and online, no other node offline;</li>
 *   <li>follow the migration set in flight, if any (nothing else happens meanwhile);</li>
 *   <li>plan every guest's target, or refuse with the reason;</li>
 *   <li>cordon and drain the Kubernetes Nodes of the TalosNodeVMs on the node, within the control-plane budget;</li>
 *   <li>set Ceph noout when asked;</li>
 *   <li>start the next migration set, after the backoff of a failed one; or report InMaintenance when empty.</li>
 * </ol>
 */
final class NodeEvacuation {

    private final StepContext ctx;
    private final MaintenanceSpec entry;
    private final DisruptionHolder owner;
    private final EvacuationMemory memory;
    private final String node;
    private final String logPrefix;
    /** Remarks of this step only; lasting ones live in the memory. */
    private final List<String> notes = new ArrayList<>();

    private final Set<String> cordonedNow = new TreeSet<>();

    NodeEvacuation(StepContext ctx, MaintenanceSpec entry, EvacuationMemory memory) {
        this.ctx = ctx;
        this.entry = entry;
        this.node = entry.node();
        this.owner = DisruptionHolder.maintenance(ctx.cluster(), node);
        this.memory = memory;
        this.logPrefix = "ProxmoxCluster " + ctx.cluster() + " maintenance of " + node;
    }

    EntryResult step() throws ProxmoxApiException {
        Optional<Holdup> gate = gate();
        if (gate.isPresent()) {
            return stayInMaintenance(gate.get()).orElseGet(() -> stuck(gate.get()));
        }
        MigrationProgress progress = MigrationProgress.of(memory.inFlight(), ctx.snapshot(), node, ctx.now());
        if (progress instanceof MigrationProgress.Running running) {
            return draining(running.what());
        }
        if (progress instanceof MigrationProgress.Finished finished) {
            settle(finished);
        }
        noteReturnedGuests();
        EvacuationPlan plan = plan();
        if (plan instanceof EvacuationPlan.Refused refused) {
            return stuck(Holdup.blocked(refused.reason()));
        }
        Optional<Holdup> kubernetes = drainKubernetes();
        if (kubernetes.isPresent()) {
            return kubernetes.get().kind() == Holdup.Kind.Draining
                    ? draining(kubernetes.get().what())
                    : stuck(kubernetes.get());
        }
        if (entry.isCephNoOut()) {
            Optional<Holdup> wait = ctx.noOut().ensureSet(ctx.api(), ctx.snapshot(), node);
            if (wait.isPresent()) {
                return stuck(wait.get());
            }
        }
        memory.started(!cordonedNow.isEmpty() || entry.isCephNoOut());
        List<GuestMove> moves = ((EvacuationPlan.Placement) plan).moves();
        if (moves.isEmpty()) {
            return inMaintenance();
        }
        return migrate(moves);
    }

    /** What {@link #step()} would do, without doing any of it ({@code managementPolicy: Observe}). */
    EntryResult preview() throws ProxmoxApiException {
        Optional<Holdup> gate = gate();
        if (gate.isPresent()) {
            return new EntryResult(
                    MaintenanceState.None, "Observe: would wait: " + gate.get().render(), false);
        }
        EvacuationPlan plan = plan();
        if (plan instanceof EvacuationPlan.Refused refused) {
            return new EntryResult(
                    MaintenanceState.None,
                    "Observe: would refuse: " + Holdup.blocked(refused.reason()).render(),
                    false);
        }
        List<String> actions = new ArrayList<>();
        List<String> talos = ctx.kubernetes().talosGuestsOn(node, ctx.clusterName(), ctx.snapshot()).stream()
                .map(TalosGuest::kubernetesNodeName)
                .filter(n -> ctx.kubernetes().node(n).isPresent())
                .toList();
        if (!talos.isEmpty()) {
            actions.add("cordon and drain " + String.join(", ", talos));
        }
        if (entry.isCephNoOut()) {
            actions.add("set Ceph noout");
        }
        List<GuestMove> moves = ((EvacuationPlan.Placement) plan).moves();
        actions.add(
                moves.isEmpty()
                        ? "move nothing (no guests on " + node + ")"
                        : "move " + moves.stream().map(GuestMove::describe).collect(Collectors.joining(", ")));
        return new EntryResult(
                MaintenanceState.None,
                "Observe: would " + String.join(", ", actions) + "; managementPolicy is Observe, so nothing is done",
                false);
    }

    private Optional<Holdup> gate() {
        Optional<NodeResource> self = ctx.snapshot().node(node);
        if (self.isEmpty()) {
            return Optional.of(Holdup.blocked(node + " is not a node of this cluster"));
        }
        if (!self.get().isOnline()) {
            return Optional.of(Holdup.waiting(node + " is offline"));
        }
        return ctx.snapshot().nodes().stream()
                .filter(n -> !n.isOnline() && !n.node().equals(node))
                .findFirst()
                .map(n -> Holdup.waiting(n.node() + " is offline; taking " + node + " out as well could cost the "
                        + "cluster its quorum and leaves too little room for the guests"));
    }

    /** A node that is empty and in maintenance stays so while it is down (the reason for maintenance). */
    private Optional<EntryResult> stayInMaintenance(Holdup why) {
        if (ctx.previous(node) != MaintenanceState.InMaintenance
                || !ctx.snapshot().guestsOn(node).isEmpty()) {
            return Optional.empty();
        }
        notes.add(why.what());
        return Optional.of(inMaintenance());
    }

    private void settle(MigrationProgress.Finished finished) {
        memory.landed(finished.arrived());
        if (finished.bulkFailed()) {
            memory.bulkUnusable(true);
        }
        if (finished.failures().isEmpty()) {
            memory.succeeded();
        } else {
            String why = String.join("; ", finished.failures());
            memory.failed(why, ctx.now());
            Log.warnf("%s: %s", logPrefix, why);
        }
    }

    /** A guest that shows up again after it left (HA failback, a person) counts as a failure, so it backs off. */
    private void noteReturnedGuests() {
        for (VmResource guest : ctx.snapshot().guestsOn(node)) {
            if (memory.cameBack(guest.vmid())) {
                memory.failed(
                        Guests.label(guest) + " came back to " + node + " after it was moved away (HA failback "
                                + "or a person moved it)",
                        ctx.now());
            }
        }
    }

    private EvacuationPlan plan() throws ProxmoxApiException {
        Map<Integer, MigratePrecondition> preconditions = new HashMap<>();
        for (VmResource guest : ctx.snapshot().guestsOn(node)) {
            if (!guest.isQemu()) {
                continue;
            }
            Optional<MigratePrecondition> cached = memory.precondition(guest.vmid(), ctx.now());
            if (cached.isPresent()) {
                preconditions.put(guest.vmid(), cached.get());
            } else {
                MigratePrecondition fresh = ctx.api().migratePrecondition(node, guest.vmid(), null);
                memory.precondition(guest.vmid(), fresh, ctx.now());
                preconditions.put(guest.vmid(), fresh);
            }
        }
        Set<String> elsewhere = new TreeSet<>(ctx.maintenanceNodes());
        elsewhere.remove(node);
        return EvacuationPlanner.plan(node, ctx.snapshot(), preconditions, elsewhere, haAffinities());
    }

    /** Read only while HA guests are left to move, at most once a minute. */
    private HaNodeAffinities haAffinities() throws ProxmoxApiException {
        if (ctx.snapshot().guestsOn(node).stream().noneMatch(g -> Guests.haManaged(g, ctx.snapshot()))) {
            return HaNodeAffinities.none();
        }
        Optional<HaNodeAffinities> cached = memory.haAffinities(ctx.now());
        if (cached.isPresent()) {
            return cached.get();
        }
        HaNodeAffinities fresh = HaNodeAffinities.read(
                ctx.api(), ctx.snapshot().version(), ctx.snapshot().status());
        fresh.unknownReason()
                .ifPresent(why -> Log.warnf(
                        "%s: HA groups/rules not known (%s); HA guests may be "
                                + "moved on by the CRM after their migration",
                        logPrefix, why));
        memory.haAffinities(fresh, ctx.now());
        return fresh;
    }

    /** Empty when every Talos Kubernetes Node on this host is cordoned and drained; else why not yet. */
    private Optional<Holdup> drainKubernetes() {
        KubernetesView view = ctx.kubernetes();
        List<TalosGuest> present = new ArrayList<>();
        for (TalosGuest talos : view.talosGuestsOn(node, ctx.clusterName(), ctx.snapshot())) {
            if (view.node(talos.kubernetesNodeName()).isPresent()) {
                present.add(talos);
            } else {
                memory.note(talos.name() + " has no Kubernetes node " + talos.kubernetesNodeName() + ", not drained");
            }
        }
        Set<String> controlPlane = present.stream()
                .filter(TalosGuest::controlPlane)
                .map(TalosGuest::kubernetesNodeName)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> names =
                present.stream().map(TalosGuest::kubernetesNodeName).toList();
        DisruptionBudget.Decision decision = ctx.budget().take(owner, names, view);
        if (decision instanceof DisruptionBudget.Refusal refusal) {
            return Optional.of(
                    refusal.kind() == DisruptionBudget.Refusal.Kind.BLOCKED
                            ? Holdup.blocked(refusal.reason())
                            : Holdup.waiting(refusal.reason()));
        }
        DisruptionBudget.Taken taken = (DisruptionBudget.Taken) decision;
        cordonedNow.addAll(taken.held());
        taken.cordonedBySomeoneElse()
                .forEach(name -> memory.note(name + " was already cordoned by someone else and stays cordoned"));
        List<String> pending = new ArrayList<>();
        boolean blocked = false;
        for (String name : names) {
            DrainProgress progress = ctx.drainer().drain(name);
            if (!progress.drained()) {
                pending.add(progress.describe(name));
                blocked |= !progress.blocked().isEmpty();
            }
        }
        memory.started(!cordonedNow.isEmpty());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        String what = String.join("; ", pending);
        return Optional.of(blocked ? Holdup.waiting(what) : Holdup.draining(what));
    }

    private EntryResult migrate(List<GuestMove> planned) {
        // a backup or snapshot holds the guest; PVE would refuse, so it waits for its turn instead of failing
        Map<Integer, String> locks = ctx.snapshot().guestsOn(node).stream()
                .filter(g -> g.lock() != null)
                .collect(Collectors.toMap(VmResource::vmid, VmResource::lock));
        List<GuestMove> moves =
                planned.stream().filter(m -> !locks.containsKey(m.vmid())).toList();
        if (moves.isEmpty()) {
            return stuck(Holdup.waiting(locks.entrySet().stream()
                            .map(e -> "VM " + e.getKey() + " is locked (" + e.getValue() + ")")
                            .collect(Collectors.joining(", "))
                    + "; it moves once the lock is released"));
        }
        Optional<Instant> retryAt = memory.retryAt();
        if (retryAt.isPresent() && ctx.now().isBefore(retryAt.get())) {
            long seconds =
                    Math.max(1, Duration.between(ctx.now(), retryAt.get()).getSeconds());
            return stuck(Holdup.waiting(memory.lastFailure().orElse("the last migration failed") + "; attempt "
                    + (memory.failures() + 1) + " in " + seconds + "s"));
        }
        MigrationLauncher.Started started = new MigrationLauncher(ctx.api(), node, logPrefix)
                .launch(moves, ctx.snapshot().version(), memory, ctx.now());
        memory.launched(started.launches());
        String failures = String.join("; ", started.failures());
        if (!failures.isEmpty()) {
            memory.failed(failures, ctx.now());
            Log.warnf("%s: %s", logPrefix, failures);
        }
        if (started.launches().isEmpty()) {
            return stuck(Holdup.waiting(failures + "; attempt " + (memory.failures() + 1) + " after a backoff"));
        }
        return draining(started.launches().stream().map(Launch::describe).collect(Collectors.joining(", "))
                + (failures.isEmpty() ? "" : "; " + failures));
    }

    private EntryResult inMaintenance() {
        String reason = entry.reason() == null || entry.reason().isBlank()
                ? "In maintenance"
                : "In maintenance: " + entry.reason();
        return new EntryResult(MaintenanceState.InMaintenance, withNotes(reason), false);
    }

    private EntryResult draining(String what) {
        memory.started(true);
        return new EntryResult(
                MaintenanceState.Draining, withNotes(Holdup.draining(what).render()), true);
    }

    /** Stopped short: Draining if anything was done already (and then say how far it got), else still None. */
    private EntryResult stuck(Holdup holdup) {
        String message = holdup.render();
        boolean blocked = holdup.kind() == Holdup.Kind.Blocked;
        boolean started = ctx.previous(node) != MaintenanceState.None
                || memory.started()
                || !cordonedNow.isEmpty()
                || !ctx.kubernetes().nodesHeldBy(owner).isEmpty();
        if (!started) {
            return new EntryResult(MaintenanceState.None, withNotes(message), true, blocked);
        }
        return new EntryResult(MaintenanceState.Draining, withNotes(message) + " " + halfDrained(), true, blocked);
    }

    private String halfDrained() {
        Set<String> cordoned = new TreeSet<>(cordonedNow);
        ctx.kubernetes()
                .nodesHeldBy(owner)
                .forEach(n -> cordoned.add(n.getMetadata().getName()));
        List<String> done = new ArrayList<>();
        if (!cordoned.isEmpty()) {
            done.add(String.join(", ", cordoned) + " cordoned");
        }
        if (entry.isCephNoOut() && ctx.noOut().setByOperator()) {
            done.add("Ceph noout set");
        }
        int left = ctx.snapshot().guestsOn(node).size();
        done.add(left + (left == 1 ? " guest" : " guests") + " still on " + node);
        return "(half-drained: " + String.join(", ", done) + ")";
    }

    private String withNotes(String message) {
        List<String> all = new ArrayList<>(memory.notes());
        all.addAll(notes);
        return all.isEmpty() ? message : message + " (" + String.join("; ", all) + ")";
    }
}
