package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.controller.support.ha.GroupDialect;
import dev.underlay.controller.support.ha.HaClusterView;
import dev.underlay.controller.support.ha.HaMode;
import dev.underlay.controller.support.ha.HaPlacement;
import dev.underlay.controller.support.ha.RuleDialect;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.NodePriority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HaLayoutPlanner} as a table: what the cluster has and what spec.haGroups says, against the writes each plan
 * makes and the status it reports. The planner is pure, so every row is one call and no simulator is needed; the
 * end-to-end life cycle stays in {@link HaLayoutSyncTest}.
 *
 * <p>Each plan is rendered as a status line ({@code name Kind State [order]: message}, the order only for plans
 * that write, since a plan without writes is never scheduled) followed by one indented line per write. Our marker is
 * shown as {@code {ours}} so that rows stay short; any other marker is shown as stored.
 */
class HaLayoutPlannerTest {

    private static final String UID = "6f0c1a52-8d1e-4a7b-9c55-0e2f4b7d9a10";
    private static final OwnerMarker.Owner OWNER = new OwnerMarker.Owner("underlay", "infra", "homelab", UID);
    private static final String MARKER = OwnerMarker.KEY + "underlay/infra/homelab";
    /** What versions before the owner id wrote. */
    private static final String LEGACY_MARKER = OwnerMarker.KEY + UID;
    /** Another ProxmoxCluster of the same installation. */
    private static final String OTHER_CLUSTER_MARKER = OwnerMarker.KEY + "underlay/infra/other";
    /** The same ProxmoxCluster name under another installation's owner id. */
    private static final String OTHER_INSTALLATION_MARKER = OwnerMarker.KEY + "lab-b/infra/homelab";

    private static final String NO_RESOURCES_YET =
            "no HA resources in this group yet: the rule is created once a TalosNodeVM with ha.enabled and "
                    + "ha.group=production is HA-managed";

    @ParameterizedTest
    @MethodSource("rows")
    void plans(Row row) {
        HaLayoutPlanner planner = new HaLayoutPlanner(OWNER, row.policy, row.view(), row.resources, row.members);

        List<GroupPlan> plans = planner.plan(row.spec);

        // surefire names rows by index only, so the description says which row failed
        assertThat(render(plans)).as(row.name).containsExactly(row.expected.toArray(String[]::new));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // --- creating ---
                row(
                        "groups: a missing group is created, marker after the user comment",
                        groups().spec(entry("production", "pve-a,pve-b").comment("Talos control plane")),
                        "production Group Created [create]",
                        "  create production nodes=pve-a,pve-b comment='Talos control plane {ours}'"),
                row(
                        "groups: a missing group without comment carries only the marker; flags and priorities written",
                        groups().spec(entry("ai", "pve-c:2,pve-a:1")
                                .restricted()
                                .noFailback()),
                        "ai Group Created [create]",
                        "  create ai nodes=pve-a:1,pve-c:2 restricted nofailback comment='{ours}'"),
                row(
                        "rules: a missing rule names the HA-managed members as resources",
                        rules().ha(101)
                                .member(101, "production")
                                .spec(entry("production", "pve-a,pve-b").comment("cp")),
                        "production Rule Created [create]",
                        "  create production node-affinity nodes=pve-a,pve-b resources=vm:101 comment='cp {ours}'"),
                row(
                        "rules: a member HA does not manage yet is left out and named as waiting",
                        rules().ha(101)
                                .member(101, "production")
                                .member(102, "production")
                                .spec(entry("production", "pve-a")),
                        "production Rule Created [create]: waiting for vm:102 to become HA-managed",
                        "  create production node-affinity nodes=pve-a resources=vm:101 comment='{ours}'"),
                row(
                        "rules: no member yet is Pending and writes nothing; ha.enabled=false and other groups do not count",
                        rules().ha(101, 103)
                                .memberHaOff(101, "production")
                                .member(103, "general")
                                .spec(entry("production", "pve-a")),
                        "production Rule Pending: " + NO_RESOURCES_YET),
                row(
                        "rules: Pending names the members waiting for HA",
                        rules().member(102, "production").spec(entry("production", "pve-a")),
                        "production Rule Pending: " + NO_RESOURCES_YET + " (waiting for vm:102)"),
                row(
                        "groups: members are ignored, a group needs no resources",
                        groups().member(102, "production").spec(entry("production", "pve-a")),
                        "production Group Created [create]",
                        "  create production nodes=pve-a comment='{ours}'"),

                // --- in sync and updating ---
                row(
                        "groups: same nodes in another order and our marker is InSync with no writes",
                        groups().has(group("production", "pve-b,pve-a", ours("cp")))
                                .spec(entry("production", "pve-a,pve-b").comment("cp")),
                        "production Group InSync"),
                row(
                        "rules: the rule naming exactly the managed members is InSync",
                        rules().ha(101)
                                .member(101, "production")
                                .has(rule("production", "pve-a", "vm:101", ours("cp")))
                                .spec(entry("production", "pve-a").comment("cp")),
                        "production Rule InSync"),
                row(
                        "groups: nodes and restricted differ: one update, differences in the message",
                        groups().has(group("production", "pve-a", ours("cp")))
                                .spec(entry("production", "pve-a:2,pve-b:1")
                                        .restricted()
                                        .comment("cp")),
                        "production Group Updated [change]: nodes pve-a -> pve-a:2,pve-b:1; restricted false -> true",
                        "  update production nodes=pve-a:2,pve-b:1 restricted comment='cp {ours}'"),
                row(
                        "groups: nofailback differs",
                        groups().has(group("production", "pve-a", MARKER))
                                .spec(entry("production", "pve-a").noFailback()),
                        "production Group Updated [change]: nofailback false -> true",
                        "  update production nodes=pve-a nofailback comment='{ours}'"),
                row(
                        "groups: the user comment differs",
                        groups().has(group("production", "pve-a", ours("old")))
                                .spec(entry("production", "pve-a").comment("new")),
                        "production Group Updated [change]: comment 'old' -> 'new'",
                        "  update production nodes=pve-a comment='new {ours}'"),
                row(
                        "rules: strict is the rule's word for restricted",
                        rules().ha(101)
                                .member(101, "production")
                                .has(rule("production", "pve-a", "vm:101", MARKER))
                                .spec(entry("production", "pve-a").restricted()),
                        "production Rule Updated [change]: strict false -> true",
                        "  update production node-affinity nodes=pve-a strict resources=vm:101 comment='{ours}'"),
                row(
                        "rules: a rule a person disabled is enabled again",
                        rules().ha(101)
                                .member(101, "production")
                                .has(disabled(rule("production", "pve-a", "vm:101", MARKER)))
                                .spec(entry("production", "pve-a")),
                        "production Rule Updated [change]: disable true -> false",
                        "  update production node-affinity nodes=pve-a resources=vm:101 comment='{ours}'"),

                // --- ownership ---
                row(
                        "groups: a group without marker is a Conflict and left alone",
                        groups().has(group("production", "pve-a", "made by hand"))
                                .spec(entry("production", "pve-a,pve-b")),
                        "production Group Conflict: the group 'production' exists and was not created by the "
                                + "operator; set adopt: true to take it over"),
                row(
                        "rules: another ProxmoxCluster's marker is a Conflict naming it",
                        rules().ha(101)
                                .member(101, "production")
                                .has(rule("production", "pve-a", "vm:101", "theirs " + OTHER_CLUSTER_MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Rule Conflict: the rule 'production' belongs to another ProxmoxCluster or "
                                + "Underlay installation (" + OTHER_CLUSTER_MARKER
                                + "); set adopt: true to take it over"),
                row(
                        "groups: another installation's owner id is a Conflict, and its undeclared group is not deleted",
                        groups().has(
                                        group("production", "pve-a", OTHER_INSTALLATION_MARKER),
                                        group("legacy", "pve-a", OTHER_INSTALLATION_MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Group Conflict: the group 'production' belongs to another ProxmoxCluster or "
                                + "Underlay installation (" + OTHER_INSTALLATION_MARKER
                                + "); set adopt: true to take it over"),
                row(
                        "groups: adopt takes over a foreign group that already matches: message is just 'adopted'",
                        groups().has(group("production", "pve-a", "made by hand"))
                                .spec(entry("production", "pve-a")
                                        .comment("made by hand")
                                        .adopt()),
                        "production Group Updated [change]: adopted",
                        "  update production nodes=pve-a comment='made by hand {ours}'"),
                row(
                        "rules: adopt of another owner's rule lists the differences after 'adopted'",
                        rules().ha(101)
                                .member(101, "production")
                                .has(rule("production", "pve-a", "vm:101", OTHER_CLUSTER_MARKER))
                                .spec(entry("production", "pve-a,pve-b").adopt()),
                        "production Rule Updated [change]: adopted; nodes pve-a -> pve-a,pve-b",
                        "  update production node-affinity nodes=pve-a,pve-b resources=vm:101 comment='{ours}'"),
                row(
                        "groups: an owned group no longer declared is deleted; a foreign one is not",
                        groups().has(group("legacy", "pve-a", ours("old")), group("manual", "pve-a", "by hand")),
                        "legacy Group Deleted [delete]: removed from spec.haGroups",
                        "  delete legacy"),
                row(
                        "groups: the uid marker of earlier versions is ours and is rewritten to today's",
                        groups().has(group("production", "pve-a", "cp " + LEGACY_MARKER))
                                .spec(entry("production", "pve-a").comment("cp")),
                        "production Group Updated [change]: ownership marker rewritten",
                        "  update production nodes=pve-a comment='cp {ours}'"),
                row(
                        "groups: text a person appended after our marker keeps it ours; the spec comment wins",
                        groups().has(group("production", "pve-a", ours("cp") + " edited by bob"))
                                .spec(entry("production", "pve-a").comment("cp")),
                        "production Group Updated [change]: comment 'cp edited by bob' -> 'cp'",
                        "  update production nodes=pve-a comment='cp {ours}'"),
                // the user comment is equal, only the marker's place differs: reported as a marker rewrite
                row(
                        "groups: spec comment equal to the edited text only moves the marker to the end",
                        groups().has(group("production", "pve-a", ours("cp") + " edited by bob"))
                                .spec(entry("production", "pve-a").comment("cp edited by bob")),
                        "production Group Updated [change]: ownership marker rewritten",
                        "  update production nodes=pve-a comment='cp edited by bob {ours}'"),
                row(
                        "groups: a marker-like token in the spec comment is dropped and cannot claim ownership",
                        groups().spec(entry("production", "pve-a").comment("hi " + OTHER_CLUSTER_MARKER)),
                        "production Group Created [create]",
                        "  create production nodes=pve-a comment='hi {ours}'"),

                // --- Observe ---
                row(
                        "observe groups: differences, missing, foreign and undeclared are reported, nothing written",
                        groups().observe()
                                .has(
                                        group("production", "pve-a", "made by hand"),
                                        group("general", "pve-a", ours("")),
                                        group("legacy", "pve-a", MARKER))
                                .spec(
                                        entry("production", "pve-a,pve-b").comment("made by hand"),
                                        entry("ai", "pve-c"),
                                        entry("general", "pve-b")),
                        "production Group Drift: nodes pve-a -> pve-a,pve-b; not created by the operator",
                        "ai Group Drift: missing on the cluster",
                        "general Group Drift: nodes pve-a -> pve-b",
                        "legacy Group Drift: owned but no longer in spec.haGroups; Manage would delete it"),
                row(
                        "observe groups: a matching foreign group is InSync with a note; a legacy marker is plain InSync",
                        groups().observe()
                                .has(
                                        group("production", "pve-a", "made by hand"),
                                        group("general", "pve-a", LEGACY_MARKER))
                                .spec(entry("production", "pve-a").comment("made by hand"), entry("general", "pve-a")),
                        "production Group InSync: not created by the operator",
                        "general Group InSync"),
                row(
                        "observe rules: no member is Pending, failback drift is named, nothing written",
                        rules().observe()
                                .ha(101)
                                .member(101, "production")
                                .has(rule("production", "pve-a", "vm:101", MARKER))
                                .spec(entry("production", "pve-a").noFailback(), entry("general", "pve-b")),
                        "production Rule Drift: vm:101 failback true -> false",
                        "general Rule Pending: " + NO_RESOURCES_YET.replace("production", "general")),

                // --- rules: resources ---
                row(
                        "rules: an owned rule losing its last member is deleted and Pending",
                        rules().ha(101)
                                .member(101, "general")
                                .has(rule("production", "pve-a", "vm:101", MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Rule Pending [delete]: no HA resources in this group any more; the rule is removed "
                                + "until one exists",
                        "  delete production"),
                row(
                        "rules: adopt of a foreign rule without members keeps its hand resources, so it is adopted at once",
                        rules().ha(200)
                                .has(rule("production", "pve-a", "vm:200", "by hand"))
                                .spec(entry("production", "pve-a").adopt()),
                        // vm:200 is no TalosNodeVM, so it is kept and the rule is not empty; the entry has no
                        // comment, so the person's comment goes like any other difference
                        "production Rule Updated [change]: adopted; comment 'by hand' -> ''",
                        "  update production node-affinity nodes=pve-a resources=vm:200 comment='{ours}'"),
                row(
                        "rules: a foreign rule whose resources are gone from HA is Pending with adopt",
                        rules().has(rule("production", "pve-a", "vm:200", "by hand"))
                                .spec(entry("production", "pve-a").adopt()),
                        "production Rule Pending: " + NO_RESOURCES_YET + "; the existing rule is adopted once it can "
                                + "name one"),
                row(
                        "rules: resources a person added by hand are kept, a new member is added",
                        rules().ha(101, 102, 200)
                                .member(101, "production")
                                .member(102, "production")
                                .has(rule("production", "pve-a", "vm:101,vm:200", MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Rule Updated [change]: resources vm:101,vm:200 -> vm:101,vm:102,vm:200",
                        "  update production node-affinity nodes=pve-a resources=vm:101,vm:102,vm:200 comment='{ours}'"),
                row(
                        "rules: a member moved to another group and a hand resource HA forgot are dropped: shrink first",
                        rules().ha(101, 102)
                                .member(101, "production")
                                .member(102, "general")
                                .has(rule("production", "pve-a", "vm:101,vm:102,vm:300", MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Rule Updated [shrink]: resources vm:101,vm:102,vm:300 -> vm:101",
                        "  update production node-affinity nodes=pve-a resources=vm:101 comment='{ours}'"),
                row(
                        "rules: noFailback on create also writes failback=0 on each member resource",
                        rules().ha(101)
                                .member(101, "production")
                                .spec(entry("production", "pve-a").noFailback()),
                        "production Rule Created [create]",
                        "  create production node-affinity nodes=pve-a resources=vm:101 comment='{ours}'",
                        "  failback vm:101=false"),
                row(
                        "rules: only the failback differs: no rule update, just the resource",
                        rules().ha(200)
                                .haNoFailback(101)
                                .member(101, "production")
                                .has(rule("production", "pve-a", "vm:101,vm:200", MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Rule Updated [change]: vm:101 failback false -> true",
                        "  failback vm:101=true"),

                // --- rules: migrated groups and other rule types ---
                row(
                        "rules: the migrated ha-group-<name> rule stands for the entry",
                        rules().ha(101)
                                .member(101, "production")
                                .has(rule("ha-group-production", "pve-a", "vm:101", ours("cp")))
                                .spec(entry("production", "pve-a").comment("cp")),
                        "production Rule InSync: as rule 'ha-group-production' (migrated from the HA group)"),
                row(
                        "rules: the migrated rule is updated under its own id",
                        rules().ha(101)
                                .member(101, "production")
                                .has(rule("ha-group-production", "pve-a", "vm:101", MARKER))
                                .spec(entry("production", "pve-a,pve-b")),
                        "production Rule Updated [change]: as rule 'ha-group-production' (migrated from the HA "
                                + "group); nodes pve-a -> pve-a,pve-b",
                        "  update ha-group-production node-affinity nodes=pve-a,pve-b resources=vm:101 comment='{ours}'"),
                row(
                        "rules: with a rule <name> present, an owned migrated rule is undeclared and deleted",
                        rules().ha(101)
                                .member(101, "production")
                                .has(
                                        rule("production", "pve-a", "vm:101", MARKER),
                                        rule("ha-group-production", "pve-a", "vm:101", MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Rule InSync",
                        "ha-group-production Rule Deleted [delete]: removed from spec.haGroups",
                        "  delete ha-group-production"),
                row(
                        "groups: no migration in groups mode: ha-group-<name> is just an undeclared group",
                        groups().has(group("ha-group-production", "pve-a", MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Group Created [create]",
                        "  create production nodes=pve-a comment='{ours}'",
                        "ha-group-production Group Deleted [delete]: removed from spec.haGroups",
                        "  delete ha-group-production"),
                row(
                        "rules: a resource-affinity rule of that name is a Conflict even when ours",
                        rules().ha(101)
                                .member(101, "production")
                                .has(resourceAffinity("production", "vm:101", MARKER))
                                .spec(entry("production", "pve-a")),
                        "production Rule Conflict: a resource-affinity rule named 'production' exists; only a "
                                + "node-affinity rule can stand for an HA group"));
    }

    @Test
    void refusesAViewOfUnknownMode() {
        assertThatThrownBy(() -> new HaLayoutPlanner(
                        OWNER, ManagementPolicy.Manage, HaClusterView.unknown("mixed"), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown");
    }

    // --- rendering ---

    private static List<String> render(List<GroupPlan> plans) {
        List<String> lines = new ArrayList<>();
        for (GroupPlan plan : plans) {
            HaGroupStatus s = plan.status();
            lines.add(s.name() + " " + s.kind() + " " + s.state()
                    + (plan.hasWrites() ? " [" + order(plan.order()) + "]" : "")
                    + (s.message() == null ? "" : ": " + s.message()));
            plan.writes().forEach(w -> lines.add("  " + render(w)));
        }
        return lines;
    }

    private static String order(int order) {
        return switch (order) {
            case GroupPlan.DELETE -> "delete";
            case GroupPlan.SHRINK -> "shrink";
            case GroupPlan.CHANGE -> "change";
            case GroupPlan.CREATE -> "create";
            default -> "order " + order;
        };
    }

    private static String render(HaWrite write) {
        // Java 17: no pattern switch; the sealed interface has exactly these four
        if (write instanceof HaWrite.Create c) {
            return "create " + render(c.placement());
        }
        if (write instanceof HaWrite.Update u) {
            return "update " + render(u.placement());
        }
        if (write instanceof HaWrite.Delete d) {
            return "delete " + d.id();
        }
        HaWrite.SetFailback f = (HaWrite.SetFailback) write;
        return "failback " + f.sid() + "=" + f.failback();
    }

    private static String render(HaPlacement p) {
        StringBuilder out = new StringBuilder(p.id());
        if (!p.isGroup()) {
            out.append(' ').append(p.ruleType());
        }
        out.append(" nodes=").append(HaPlacement.format(p.nodes()));
        if (p.restricted()) {
            out.append(p.isGroup() ? " restricted" : " strict");
        }
        if (p.noFailback()) {
            out.append(" nofailback");
        }
        if (!p.resources().isEmpty()) {
            out.append(" resources=").append(String.join(",", p.resources()));
        }
        if (p.disabled()) {
            out.append(" disabled");
        }
        if (p.comment() != null) {
            out.append(" comment='")
                    .append(p.comment().replace(MARKER, "{ours}"))
                    .append('\'');
        }
        return out.toString();
    }

    // --- row builders ---

    private static Arguments row(String name, Row row, String... expected) {
        return Arguments.argumentSet(name, row.named(name).expect(List.of(expected)));
    }

    private static Row groups() {
        return new Row(HaMode.Groups);
    }

    private static Row rules() {
        return new Row(HaMode.Rules);
    }

    /** Our marker after a user comment, as the operator stores it. */
    private static String ours(String userComment) {
        return OwnerMarker.mark(userComment, OWNER);
    }

    private static HaPlacement group(String id, String nodes, String comment) {
        return new HaPlacement(id, null, NodePriority.parseList(nodes), false, false, List.of(), comment, false);
    }

    private static HaPlacement rule(String id, String nodes, String resources, String comment) {
        return new HaPlacement(
                id,
                HaPlacement.NODE_AFFINITY,
                NodePriority.parseList(nodes),
                false,
                false,
                Arrays.asList(resources.split(",")),
                comment,
                false);
    }

    private static HaPlacement disabled(HaPlacement p) {
        return new HaPlacement(
                p.id(), p.ruleType(), p.nodes(), p.restricted(), p.noFailback(), p.resources(), p.comment(), true);
    }

    private static HaPlacement resourceAffinity(String id, String resources, String comment) {
        return new HaPlacement(
                id, "resource-affinity", List.of(), false, false, Arrays.asList(resources.split(",")), comment, false);
    }

    private static Entry entry(String name, String nodes) {
        return new Entry(name, nodes);
    }

    /** A spec.haGroups entry; flags default to unset, as a user who leaves them out writes them. */
    static final class Entry {
        private final String name;
        private final String nodes;
        private Boolean restricted;
        private Boolean noFailback;
        private String comment;
        private Boolean adopt;

        Entry(String name, String nodes) {
            this.name = name;
            this.nodes = nodes;
        }

        Entry restricted() {
            restricted = true;
            return this;
        }

        Entry noFailback() {
            noFailback = true;
            return this;
        }

        Entry comment(String text) {
            comment = text;
            return this;
        }

        Entry adopt() {
            adopt = true;
            return this;
        }

        HaGroupSpec build() {
            return new HaGroupSpec(name, List.of(nodes.split(",")), restricted, noFailback, comment, adopt);
        }
    }

    /** One row: the cluster as the planner is given it, the spec, and the rendered plans expected. */
    static final class Row {
        private final HaMode mode;
        private ManagementPolicy policy = ManagementPolicy.Manage;
        private final List<HaPlacement> cluster = new ArrayList<>();
        private final Map<String, HaResource> resources = new LinkedHashMap<>();
        private final List<HaMember> members = new ArrayList<>();
        private final List<HaGroupSpec> spec = new ArrayList<>();
        private List<String> expected = List.of();
        private String name;

        Row(HaMode mode) {
            this.mode = mode;
        }

        Row observe() {
            policy = ManagementPolicy.Observe;
            return this;
        }

        Row has(HaPlacement... placements) {
            cluster.addAll(List.of(placements));
            return this;
        }

        /** HA resources for these VMIDs, with PVE's default failback (unset). */
        Row ha(int... vmids) {
            for (int vmid : vmids) {
                resources.put("vm:" + vmid, HaResource.vm(vmid, "started"));
            }
            return this;
        }

        Row haNoFailback(int vmid) {
            resources.put(
                    "vm:" + vmid, new HaResource("vm:" + vmid, null, "started", null, false, null, null, null, null));
            return this;
        }

        /** A TalosNodeVM with ha.enabled and ha.group. */
        Row member(int vmid, String group) {
            members.add(new HaMember(vmid, true, group, "infra/vm-" + vmid));
            return this;
        }

        Row memberHaOff(int vmid, String group) {
            members.add(new HaMember(vmid, false, group, "infra/vm-" + vmid));
            return this;
        }

        Row spec(Entry... entries) {
            Arrays.stream(entries).map(Entry::build).forEach(spec::add);
            return this;
        }

        Row named(String rowName) {
            name = rowName;
            return this;
        }

        Row expect(List<String> lines) {
            expected = lines;
            return this;
        }

        HaClusterView view() {
            // the planner never calls the API; the dialect only tells it the mode
            return HaClusterView.of(mode == HaMode.Groups ? new GroupDialect(null) : new RuleDialect(null), cluster);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
