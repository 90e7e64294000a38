package dev.underlay.controller.proxmoxcluster.maintenance;

import io.fabric8.kubernetes.api.model.Node;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * At most one control-plane node unavailable at a time, so etcd keeps quorum while the cluster changes the machines
 * it runs on. Unavailable means not Ready or cordoned (for another maintenance, or by a person, who may be about to
 * take it down).
 */
final class ControlPlaneBudget {

    private ControlPlaneBudget() {}

    /**
     * Why the control-plane Nodes in {@code ours} may not be cordoned now, if they may not.
     *
     * @param ours         control-plane Kubernetes Nodes this maintenance entry wants to drain
     * @param controlPlane every control-plane Node name
     */
    static Optional<String> refusal(
            Collection<String> ours, Set<String> controlPlane, KubernetesView view, MaintenanceOwner owner) {
        if (ours.size() > 1) {
            return Optional.of("Blocked: " + owner.pveNode() + " hosts " + ours.size() + " control-plane nodes ("
                    + String.join(", ", new TreeSet<>(ours)) + "); draining them together would take more than one "
                    + "down; move one away first");
        }
        for (String name : controlPlane) {
            if (ours.contains(name)) {
                continue;
            }
            Optional<Node> node = view.node(name);
            if (node.isEmpty()) {
                continue;
            }
            if (!CordonMarks.isReady(node.get())) {
                return Optional.of("Waiting: control-plane " + name + " is not Ready");
            }
            if (CordonMarks.isCordoned(node.get())) {
                Set<String> others = new TreeSet<>();
                CordonMarks.owners(node.get()).stream()
                        .filter(o -> !o.equals(owner))
                        .forEach(o -> others.add(o.value()));
                return Optional.of("Waiting: control-plane " + name + " is cordoned"
                        + (others.isEmpty() ? "" : " for maintenance " + String.join(", ", others)));
            }
        }
        return Optional.empty();
    }
}
