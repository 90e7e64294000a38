package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.api.v1alpha1.backuppolicy.BackupSelectorSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.proxmox.model.VmResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guests a policy's job names, in the three shapes a Proxmox backup job knows (a VMID list, every guest, a PVE
 * pool), with the TalosNodeVM label selector already resolved to VMIDs: Proxmox knows nothing of Kubernetes labels, so
 * the operator writes the VMIDs it found and rewrites them when the selected TalosNodeVMs change.
 *
 * @param vmids   the explicit or resolved VMIDs, sorted; empty for all and pool
 * @param all     every guest (minus exclude)
 * @param pool    a PVE pool (minus exclude), or null
 * @param exclude VMIDs left out of all or pool, sorted
 */
record BackupSelection(List<Integer> vmids, boolean all, String pool, List<Integer> exclude) {

    BackupSelection {
        vmids = List.copyOf(new TreeSet<>(vmids));
        exclude = List.copyOf(new TreeSet<>(exclude));
    }

    /** A label selector that matches no TalosNodeVM (yet): there is nothing to write a job for. */
    boolean isEmpty() {
        return !all && pool == null && vmids.isEmpty();
    }

    /**
     * @param talosNodeVms the TalosNodeVMs of the policy's namespace (only read for a label selector)
     */
    static BackupSelection resolve(BackupPolicySpec spec, Collection<TalosNodeVM> talosNodeVms) {
        BackupSelectorSpec selector = spec.selector();
        if (selector.isAll()) {
            return new BackupSelection(List.of(), true, null, spec.exclude());
        }
        if (selector.pool() != null) {
            return new BackupSelection(List.of(), false, selector.pool(), spec.exclude());
        }
        if (selector.vmids() != null) {
            return new BackupSelection(selector.vmids(), false, null, List.of());
        }
        List<Integer> selected = talosNodeVms.stream()
                .filter(vm ->
                        matches(selector.talosNodeVMSelector(), vm.getMetadata().getLabels()))
                .map(BackupSelection::vmidOf)
                .filter(Objects::nonNull)
                .toList();
        return new BackupSelection(selected, false, null, List.of());
    }

    /** The guests the job backs up on this cluster now: what a run would cover. */
    List<Integer> covered(List<VmResource> guests) {
        if (!all && pool == null) {
            return vmids;
        }
        Set<Integer> excluded = Set.copyOf(exclude);
        return guests.stream()
                .filter(vm -> !vm.template())
                .filter(vm -> all || pool.equals(vm.pool()))
                .map(VmResource::vmid)
                .filter(vmid -> !excluded.contains(vmid))
                .sorted()
                .toList();
    }

    /**
     * Whether {@code vmid} lies in the scope the policy speaks for, excluded guests included: a guest left out here and
     * covered by no other job is exactly what notBackedUp should show.
     */
    boolean inScope(int vmid, List<VmResource> guests) {
        if (all) {
            return true;
        }
        if (pool != null) {
            return guests.stream().anyMatch(vm -> vm.vmid() == vmid && pool.equals(vm.pool()));
        }
        return vmids.contains(vmid);
    }

    /** A TalosNodeVM's VMID: the one asked for, else the one allocated; null before either exists. */
    static Integer vmidOf(TalosNodeVM vm) {
        if (vm.getSpec() != null && vm.getSpec().vmid() != null) {
            return vm.getSpec().vmid();
        }
        return vm.getStatus() == null ? null : vm.getStatus().getVmid();
    }

    /** Kubernetes label selector semantics: every matchLabels pair and every requirement must hold. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> want : selector.getMatchLabels().entrySet()) {
                if (!want.getValue().equals(have.get(want.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!holds(requirement, have)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> labels.containsKey(requirement.getKey());
            case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
            // an operator the API server would have refused: select nothing rather than everything
            default -> false;
        };
    }
}
