package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.controller.support.ha.HaNodeAffinities;
import dev.underlay.proxmox.model.MigratePrecondition;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.proxmox.model.VmResource;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.clean;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.guest;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.node;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.snapshot;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.vm;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.withLocalDisk;
import static org.assertj.core.api.Assertions.assertThat;

class EvacuationPlannerTest {

    private static final String A = "pve-a";
    private static final String B = "pve-b";
    private static final String C = "pve-c";

    private static EvacuationPlan plan(
            List<VmResource> vms, Map<Integer, MigratePrecondition> preconditions, Set<String> unavailable) {
        return EvacuationPlanner.plan(
                A,
                snapshot(List.of(node(A, true, 96, 40), node(B, true, 96, 30), node(C, true, 128, 80)), vms),
                preconditions,
                unavailable,
                HaNodeAffinities.none());
    }

    private static EvacuationPlan planWithHa(int vmid, HaNodeAffinities.Affinity affinity, Set<String> unavailable) {
        return EvacuationPlanner.plan(
                A,
                snapshot(
                        List.of(node(A, true, 96, 40), node(B, true, 96, 30), node(C, true, 128, 80)),
                        List.of(guest("qemu", vmid, A, true, 4, "started", null))),
                Map.of(vmid, clean(true)),
                unavailable,
                HaNodeAffinities.of(Map.of("vm:" + vmid, affinity)));
    }

    @Test
    void placesTheLargestGuestFirstOnTheNodeWithMostRoomAndStoppedGuestsNeedNone() {
        EvacuationPlan plan = plan(
                List.of(vm(201, A, true, 16), vm(202, A, true, 40), vm(203, A, false, 64)),
                Map.of(201, clean(true), 202, clean(true), 203, clean(false)),
                Set.of());

        assertThat(plan).isInstanceOf(EvacuationPlan.Placement.class);
        assertThat(((EvacuationPlan.Placement) plan).moves())
                .containsExactly(
                        // free: B 66, C 48 -> 202 (40) to B (26 left), 201 (16) to C (32 left), 203 (0) to C
                        new GuestMove(201, "vm:201", C, GuestMove.Method.ONLINE, 16 * SnapshotFixtures.GIB),
                        new GuestMove(202, "vm:202", B, GuestMove.Method.ONLINE, 40 * SnapshotFixtures.GIB),
                        new GuestMove(203, "vm:203", C, GuestMove.Method.OFFLINE, 0));
    }

    @Test
    void haManagedGuestsGoThroughHaUnlessIgnored() {
        EvacuationPlan plan = plan(
                List.of(
                        guest("qemu", 201, A, true, 4, "started", null),
                        guest("qemu", 202, A, true, 4, "ignored", null),
                        guest("lxc", 300, A, true, 1, "started", null)),
                Map.of(201, clean(true), 202, clean(true)),
                Set.of());

        assertThat(((EvacuationPlan.Placement) plan).moves())
                .extracting(GuestMove::sid, GuestMove::method)
                .containsExactly(
                        Tuple.tuple("vm:201", GuestMove.Method.HA),
                        Tuple.tuple("vm:202", GuestMove.Method.ONLINE),
                        Tuple.tuple("ct:300", GuestMove.Method.HA));
    }

    @Test
    void refusesAContainerThatHaDoesNotManage() {
        EvacuationPlan plan = plan(List.of(guest("lxc", 300, A, true, 1, null, null)), Map.of(), Set.of());

        assertThat(plan)
                .isEqualTo(new EvacuationPlan.Refused("CT 300 is a container that HA does not "
                        + "manage; containers only restart-migrate, so move it by hand"));
    }

    @Test
    void aLocalDiskBlocksOnlyARunningVm() {
        assertThat(plan(
                        List.of(vm(201, A, true, 4)),
                        Map.of(201, withLocalDisk(true, "local-zfs:vm-201-disk-0")),
                        Set.of()))
                .isEqualTo(new EvacuationPlan.Refused("VM 201 has local disk "
                        + "local-zfs:vm-201-disk-0 (a live migration cannot take it: move it to shared storage or stop "
                        + "the VM)"));
        assertThat(plan(
                        List.of(vm(201, A, false, 4)),
                        Map.of(201, withLocalDisk(false, "local-zfs:vm-201-disk-0")),
                        Set.of()))
                .isInstanceOf(EvacuationPlan.Placement.class);
    }

    @Test
    void localResourcesBlock() {
        MigratePrecondition passthrough = new MigratePrecondition(
                true, List.of(), Map.of(), List.of(), List.of("hostpci0"), List.of(), List.of());

        assertThat(plan(List.of(vm(201, A, true, 4)), Map.of(201, passthrough), Set.of()))
                .isEqualTo(new EvacuationPlan.Refused("VM 201 uses local resources hostpci0 and cannot migrate"));
    }

    @Test
    void nodesThePreconditionExcludesAreNotTargetsAndTheReasonsAreShown() {
        MigratePrecondition nowhere = new MigratePrecondition(
                false,
                List.of(),
                Map.of(
                        B,
                        List.of("storage 'local-lvm' is not available"),
                        C,
                        List.of("storage 'local-lvm' is not available")),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        MigratePrecondition onlyC =
                new MigratePrecondition(false, List.of(C), Map.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(plan(List.of(vm(201, A, false, 4)), Map.of(201, nowhere), Set.of()))
                .isEqualTo(
                        new EvacuationPlan.Refused("VM 201 may go to no other node: pve-b (storage 'local-lvm' is not "
                                + "available); pve-c (storage 'local-lvm' is not available)"));
        assertThat(((EvacuationPlan.Placement) plan(List.of(vm(201, A, true, 4)), Map.of(201, onlyC), Set.of()))
                        .moves())
                .extracting(GuestMove::target)
                .containsExactly(C);
    }

    @Test
    void nodesInMaintenanceTakeNothingAndTheShortfallIsNamed() {
        EvacuationPlan plan = plan(
                List.of(vm(201, A, true, 40), vm(202, A, true, 16)),
                Map.of(201, clean(true), 202, clean(true)),
                Set.of(B));

        assertThat(plan)
                .isEqualTo(new EvacuationPlan.Refused("not enough memory on other nodes: need 56 GiB, have 48 GiB"));
    }

    @Test
    void aGuestTooBigForAnySingleNodeIsNamedEvenWhenTheTotalFits() {
        EvacuationPlan plan = plan(List.of(vm(201, A, true, 70)), Map.of(201, clean(true)), Set.of());

        assertThat(plan)
                .isEqualTo(new EvacuationPlan.Refused(
                        "VM 201 needs 70 GiB but no node it may go to has that much free (most: 66 GiB on pve-b)"));
    }

    @Test
    void withoutAnotherOnlineNodeNothingCanMove() {
        EvacuationPlan plan = EvacuationPlanner.plan(
                A,
                snapshot(List.of(node(A, true, 96, 40), node(B, false, 96, 0)), List.of(vm(201, A, true, 4))),
                Map.of(201, clean(true)),
                Set.of(),
                HaNodeAffinities.none());

        assertThat(plan).isEqualTo(new EvacuationPlan.Refused("no other online node can take the guests of pve-a"));
    }

    @Test
    void anEmptyNodeNeedsNoPlan() {
        assertThat(plan(List.of(vm(201, B, true, 4)), Map.of(), Set.of()))
                .isEqualTo(new EvacuationPlan.Placement(List.of()));
    }

    @Test
    void anHaGuestGoesToTheBestNodeItsGroupListsEvenWithLessRoom() {
        // B has the most free memory (66 GiB against 48), but the group prefers C (priority 2) over B (1): the CRM
        // would move the guest on to C, so it goes there directly
        EvacuationPlan plan = planWithHa(
                201,
                HaNodeAffinities.Affinity.group("general", NodePriority.parseList("pve-a:2,pve-b:1,pve-c:2"), false),
                Set.of());

        assertThat(((EvacuationPlan.Placement) plan).moves())
                .extracting(GuestMove::target, GuestMove::method)
                .containsExactly(Tuple.tuple(C, GuestMove.Method.HA));
    }

    @Test
    void aRestrictedGroupWithNoOtherNodeAvailableBlocks() {
        EvacuationPlan plan = planWithHa(
                201, HaNodeAffinities.Affinity.group("ai-workloads", NodePriority.parseList("pve-a"), true), Set.of());

        assertThat(plan)
                .isEqualTo(new EvacuationPlan.Refused("VM 201 may run only where its HA group "
                        + "ai-workloads, restricted: pve-a allows, and none of those nodes but pve-a can take it"));
    }

    @Test
    void aStrictRuleWhoseOtherNodeIsInMaintenanceBlocks() {
        EvacuationPlan plan = planWithHa(
                201, HaNodeAffinities.Affinity.rule("gpu", NodePriority.parseList("pve-a,pve-b"), true), Set.of(B));

        assertThat(plan)
                .isEqualTo(new EvacuationPlan.Refused("VM 201 may run only where its HA rule gpu, "
                        + "strict: pve-a,pve-b allows, and none of those nodes but pve-a can take it"));
    }

    @Test
    void anUnrestrictedGroupWhoseNodesAreAllGoneLetsTheGuestGoAnywhere() {
        EvacuationPlan plan = planWithHa(
                201, HaNodeAffinities.Affinity.group("solo", NodePriority.parseList("pve-a"), false), Set.of());

        // no preference left: the node with the most room, as for any guest
        assertThat(((EvacuationPlan.Placement) plan).moves())
                .extracting(GuestMove::target)
                .containsExactly(B);
    }

    @Test
    void withoutPrioritiesEveryListedNodeIsEquallyGood() {
        EvacuationPlan plan = planWithHa(
                201,
                HaNodeAffinities.Affinity.rule(
                        "ha-group-production", NodePriority.parseList("pve-a,pve-b,pve-c"), true),
                Set.of());

        assertThat(((EvacuationPlan.Placement) plan).moves())
                .extracting(GuestMove::target)
                .containsExactly(B);
    }
}
