package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.controller.support.ha.HaClusterView;
import dev.underlay.controller.support.ha.HaMode;
import dev.underlay.controller.support.ha.HaPlacement;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.NodePriority;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, without calling anything, what to write for {@code spec.haGroups} given what the cluster has.
 *
 * <ul>
 *   <li>Only objects whose comment carries this resource's {@link OwnerMarker} are updated or deleted. Another
 *       object of the same name is a Conflict unless the entry says {@code adopt: true}, which marks and updates it.
 *   <li>Owned objects without a spec entry are deleted: removing the entry is the user asking for it.
 *   <li>PVE 9 rules name their resources: the TalosNodeVMs with {@code ha.enabled} and {@code ha.group} equal to the
 *       entry's name, once HA manages them. Resources a person put into the rule by hand (guests no TalosNodeVM
 *       describes) are kept. A rule cannot be empty, so an entry with no such resource yet is Pending, and an
 *       owned rule that loses its last one is deleted until one exists again. The entry's noFailback is written to
 *       each member resource as {@code failback=0}.
 *   <li>After the groups-to-rules migration, PVE names the rule of group {@code x} {@code ha-group-x} and keeps
 *       its comment (and with it the marker); such a rule stands for entry {@code x} when no rule {@code x} exists.
 *   <li>Observe: the same comparison, reported as InSync or Drift, and no writes.
 * </ul>
 */
final class HaLayoutPlanner {

    static final String MIGRATED_PREFIX = "ha-group-";

    private final OwnerMarker.Owner owner;
    private final ManagementPolicy policy;
    private final HaClusterView view;
    private final Map<String, HaResource> resources;
    private final List<HaMember> members;
    private final Set<String> describedSids = new HashSet<>();

    /**
     * @param owner     the ProxmoxCluster as owner, in every marker
     * @param resources rules mode: the HA resources by sid; ignored for groups
     * @param members   rules mode: the TalosNodeVMs on this cluster; ignored for groups
     */
    HaLayoutPlanner(
            OwnerMarker.Owner owner,
            ManagementPolicy policy,
            HaClusterView view,
            Map<String, HaResource> resources,
            List<HaMember> members) {
        if (!view.isKnown()) {
            throw new IllegalArgumentException("nothing to plan against in HA mode " + view.mode());
        }
        this.owner = owner;
        this.policy = policy;
        this.view = view;
        this.resources = Map.copyOf(resources);
        this.members = List.copyOf(members);
        members.forEach(m -> describedSids.add(m.sid()));
    }

    /** One plan per spec entry, in spec order, then one per owned object no longer declared. */
    List<GroupPlan> plan(List<HaGroupSpec> spec) {
        List<GroupPlan> plans = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        spec.forEach(g -> declared.add(g.name()));
        Set<String> matched = new HashSet<>();
        for (HaGroupSpec group : spec) {
            Optional<HaPlacement> actual = actualFor(group.name(), declared);
            actual.ifPresent(a -> matched.add(a.id()));
            plans.add(plan(group, actual.orElse(null)));
        }
        view.placements().values().stream()
                .filter(p -> !matched.contains(p.id()) && OwnerMarker.isOwnedBy(p.comment(), owner))
                .forEach(p -> plans.add(undeclared(p)));
        return plans;
    }

    private Optional<HaPlacement> actualFor(String name, Set<String> declared) {
        HaPlacement direct = view.placements().get(name);
        if (direct != null || view.mode() != HaMode.Rules || declared.contains(MIGRATED_PREFIX + name)) {
            return Optional.ofNullable(direct);
        }
        return Optional.ofNullable(view.placements().get(MIGRATED_PREFIX + name));
    }

    private GroupPlan plan(HaGroupSpec group, HaPlacement actual) {
        Members m = view.mode() == HaMode.Rules ? members(group, actual) : Members.NONE;
        String id = actual == null ? group.name() : actual.id();
        HaPlacement desired = new HaPlacement(
                id,
                view.mode() == HaMode.Rules ? HaPlacement.NODE_AFFINITY : null,
                NodePriority.parseList(String.join(",", group.nodes())),
                group.isRestricted(),
                view.mode() == HaMode.Groups && group.isNoFailback(),
                m.resources(),
                OwnerMarker.mark(group.comment(), owner),
                false);
        Naming naming = new Naming(group.name(), id);

        if (actual != null && !actual.placesOnNodes()) {
            return report(
                    naming,
                    HaStates.CONFLICT,
                    "a " + actual.ruleType() + " rule named '" + id
                            + "' exists; only a node-affinity rule can stand for an HA group");
        }
        List<HaWrite> failback = failbackWrites(group, m);
        if (policy == ManagementPolicy.Observe) {
            return observe(naming, group, desired, actual, m, failback);
        }
        if (actual == null) {
            if (desired.isGroup() || !desired.resources().isEmpty()) {
                List<HaWrite> writes = new ArrayList<>();
                writes.add(new HaWrite.Create(desired));
                writes.addAll(failback);
                return new GroupPlan(writes, naming.status(HaStates.CREATED, m.waitingNote()), GroupPlan.CREATE);
            }
            return report(naming, HaStates.PENDING, m.noResourcesYet(group.name()));
        }
        boolean ours = OwnerMarker.isOwnedBy(actual.comment(), owner);
        if (!ours && !group.isAdopt()) {
            return report(naming, HaStates.CONFLICT, conflict(naming, OwnerMarker.owner(actual.comment())));
        }
        if (!desired.isGroup() && desired.resources().isEmpty()) {
            if (!ours) {
                return report(
                        naming,
                        HaStates.PENDING,
                        m.noResourcesYet(group.name()) + "; the existing rule is adopted once it can name one");
            }
            return new GroupPlan(
                    List.of(new HaWrite.Delete(id)),
                    naming.status(
                            HaStates.PENDING,
                            "no HA resources in this group any more; the rule is removed until one exists"),
                    GroupPlan.DELETE);
        }
        List<String> differences = new ArrayList<>(HaDifferences.between(desired, actual));
        boolean rewrite = !differences.isEmpty() || !desired.comment().equals(actual.comment());
        differences.addAll(failbackDifferences(failback));
        if (!rewrite && failback.isEmpty()) {
            return report(naming, HaStates.IN_SYNC, m.waitingNote());
        }
        List<HaWrite> writes = new ArrayList<>();
        if (rewrite) {
            writes.add(new HaWrite.Update(desired));
        }
        writes.addAll(failback);
        List<String> message = new ArrayList<>();
        if (!ours) {
            message.add("adopted");
        }
        if (!differences.isEmpty()) {
            message.add(String.join("; ", differences));
        } else if (ours) {
            message.add("ownership marker rewritten");
        }
        boolean shrinks = !actual.resources().isEmpty() && !desired.resources().containsAll(actual.resources());
        return new GroupPlan(
                writes,
                naming.status(HaStates.UPDATED, join(message, m.waitingNote())),
                shrinks ? GroupPlan.SHRINK : GroupPlan.CHANGE);
    }

    private GroupPlan observe(
            Naming naming,
            HaGroupSpec group,
            HaPlacement desired,
            HaPlacement actual,
            Members m,
            List<HaWrite> failback) {
        if (actual == null) {
            if (!desired.isGroup() && desired.resources().isEmpty()) {
                return report(naming, HaStates.PENDING, m.noResourcesYet(group.name()));
            }
            return report(naming, HaStates.DRIFT, "missing on the cluster");
        }
        List<String> differences = new ArrayList<>(HaDifferences.between(desired, actual));
        differences.addAll(failbackDifferences(failback));
        String ownership = OwnerMarker.isOwnedBy(actual.comment(), owner) ? null : "not created by the operator";
        if (differences.isEmpty()) {
            return report(naming, HaStates.IN_SYNC, ownership);
        }
        return report(naming, HaStates.DRIFT, join(List.of(String.join("; ", differences)), ownership));
    }

    private GroupPlan undeclared(HaPlacement owned) {
        Naming naming = new Naming(owned.id(), owned.id());
        if (policy == ManagementPolicy.Observe) {
            return report(naming, HaStates.DRIFT, "owned but no longer in spec.haGroups; Manage would delete it");
        }
        return new GroupPlan(
                List.of(new HaWrite.Delete(owned.id())),
                naming.status(HaStates.DELETED, "removed from spec.haGroups"),
                GroupPlan.DELETE);
    }

    /** Rules mode: the resources the rule for {@code group} should name, and who is still waiting for HA. */
    private Members members(HaGroupSpec group, HaPlacement actual) {
        Set<String> named = new LinkedHashSet<>();
        if (actual != null) {
            actual.resources().stream()
                    .filter(sid -> !describedSids.contains(sid) && resources.containsKey(sid))
                    .forEach(named::add);
        }
        List<String> managed = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (HaMember member : members) {
            if (member.wants(group.name())) {
                (resources.containsKey(member.sid()) ? managed : waiting).add(member.sid());
            }
        }
        named.addAll(managed);
        return new Members(List.copyOf(named), managed, waiting);
    }

    private List<HaWrite> failbackWrites(HaGroupSpec group, Members m) {
        List<HaWrite> writes = new ArrayList<>();
        boolean wanted = !group.isNoFailback();
        for (String sid : m.managed()) {
            Boolean failback = resources.get(sid).failback();
            // PVE's default is failback=1
            boolean actual = failback == null || failback;
            if (actual != wanted) {
                writes.add(new HaWrite.SetFailback(sid, wanted));
            }
        }
        return writes;
    }

    private static List<String> failbackDifferences(List<HaWrite> failback) {
        return failback.stream()
                .map(w -> (HaWrite.SetFailback) w)
                .map(w -> w.sid() + " failback " + !w.failback() + " -> " + w.failback())
                .toList();
    }

    private String conflict(Naming naming, Optional<String> marked) {
        String what = view.mode().kind().toLowerCase(Locale.ROOT) + " '" + naming.id() + "'";
        if (marked.isPresent()) {
            return "the " + what + " belongs to another ProxmoxCluster or Underlay installation (" + OwnerMarker.KEY
                    + marked.get()
                    + "); set adopt: true to take it over";
        }
        return "the " + what + " exists and was not created by the operator; set adopt: true to take it over";
    }

    private GroupPlan report(Naming naming, String state, String message) {
        return GroupPlan.report(naming.status(state, message));
    }

    private static String join(List<String> parts, String extra) {
        List<String> all = new ArrayList<>(parts);
        if (extra != null) {
            all.add(extra);
        }
        return all.isEmpty() ? null : String.join("; ", all);
    }

    /** The spec name the status shows and the id the object has on the cluster (differ after a migration). */
    private final class Naming {
        private final String name;
        private final String id;

        Naming(String name, String id) {
            this.name = name;
            this.id = id;
        }

        String id() {
            return id;
        }

        HaGroupStatus status(String state, String message) {
            String where = id.equals(name) ? null : "as rule '" + id + "' (migrated from the HA group)";
            return new HaGroupStatus(
                    name, view.mode().kind(), state, join(where == null ? List.of() : List.of(where), message));
        }
    }

    /**
     * @param resources what the rule should name
     * @param managed   TalosNodeVM members HA already manages
     * @param waiting   TalosNodeVM members not HA-managed yet (a rule cannot name them)
     */
    private record Members(List<String> resources, List<String> managed, List<String> waiting) {

        static final Members NONE = new Members(List.of(), List.of(), List.of());

        String waitingNote() {
            return waiting.isEmpty() ? null : "waiting for " + String.join(",", waiting) + " to become HA-managed";
        }

        String noResourcesYet(String name) {
            return "no HA resources in this group yet: the rule is created once a TalosNodeVM with ha.enabled and "
                    + "ha.group=" + name + " is HA-managed"
                    + (waiting.isEmpty() ? "" : " (waiting for " + String.join(",", waiting) + ")");
        }
    }
}
