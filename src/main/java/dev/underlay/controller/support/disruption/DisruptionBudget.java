package dev.underlay.controller.support.disruption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one disruption budget of the operator: at most one control-plane Kubernetes Node unavailable at a time, so etcd
 * keeps quorum while the cluster changes the machines it runs on. Unavailable means not Ready, cordoned (by a person,
 * who may be about to take it down) or held by another {@link DisruptionHolder}. Every disruptive action, a node
 * maintenance's drain or a TalosNodeVM's gated restart, takes its Nodes here before it starts and gives them back when
 * it ends.
 *
 * <p>The holding is the {@link DisruptionMarks} annotation on each Node, written in the same patch as the cordon: it
 * survives an operator restart, and every holder reads every other's. Taking is serialised in this process and judged
 * on control-plane Nodes read again from the API server, so two holders on different threads (the ProxmoxCluster and
 * the TalosNodeVM controllers run concurrently) can never both take a control-plane Node; each patch carries the
 * Node's resourceVersion, so a stale view loses to any other writer. Only the leader reconciles, so one process is
 * the whole operator.
 */
@ApplicationScoped
public class DisruptionBudget {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    @Inject
    public DisruptionBudget(KubernetesClient client) {
        this.client = client;
    }

    /** What {@link #take} decided. */
    public sealed interface Decision permits Taken, Refusal {}

    /** Why the budget says no; nothing was written. */
    public record Refusal(Kind kind, String reason) implements Decision {

        public enum Kind {
            /** Never allowed as things stand; a person has to change something. */
            BLOCKED,
            /** Allowed once another Node is back or another holder is done. */
            WAITING
        }
    }

    /** What {@link #take} did: the Nodes now held, and those someone else had cordoned (drained, left cordoned). */
    public record Taken(Set<String> held, Set<String> cordonedBySomeoneElse) implements Decision {

        public Taken {
            held = Set.copyOf(held);
            cordonedBySomeoneElse = Set.copyOf(cordonedBySomeoneElse);
        }
    }

    /**
     * Takes {@code nodes} for {@code holder} and cordons them, or refuses without writing anything. A Node the holder
     * already holds is kept; a Node a person cordoned (no mark) is drained by the caller but stays theirs.
     *
     */
    public synchronized Decision take(DisruptionHolder holder, Collection<String> nodes, KubernetesView view) {
        Set<String> controlPlane = view.controlPlaneNodeNames();
        Set<String> oursOnControlPlane = new TreeSet<>();
        for (String name : nodes) {
            if (controlPlane.contains(name)) {
                oursOnControlPlane.add(name);
            }
        }
        boolean newControlPlane = oursOnControlPlane.stream()
                .map(view::node)
                .flatMap(Optional::stream)
                .anyMatch(n -> !DisruptionMarks.holders(n).contains(holder));
        if (newControlPlane) {
            reread(controlPlane, view);
            Optional<Refusal> refusal = refusal(oursOnControlPlane, controlPlane, view, holder);
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        Set<String> held = new TreeSet<>();
        Set<String> someoneElses = new TreeSet<>();
        for (String name : nodes) {
            Optional<Node> node = view.node(name);
            if (node.isEmpty()) {
                continue;
            }
            if (cordon(node.get(), holder, view)) {
                held.add(name);
            } else {
                someoneElses.add(name);
            }
        }
        return new Taken(held, someoneElses);
    }

    /**
     * {@link #take} for one Node that carries no etcd (a worker), under a max-unavailable: refused while
     * {@code maxUnavailable} other workers are unavailable (not Ready, cordoned or held). The workers are read again
     * under the same lock as {@link #take}, so two restarts judged on views of the same age cannot both pass.
     */
    public synchronized Decision takeWorker(
            DisruptionHolder holder, String nodeName, int maxUnavailable, KubernetesView view) {
        Optional<Node> mine = view.node(nodeName);
        if (mine.isPresent() && DisruptionMarks.holders(mine.get()).contains(holder)) {
            return take(holder, Set.of(nodeName), view);
        }
        Set<String> controlPlane = view.controlPlaneNodeNames();
        Set<String> unavailable = new TreeSet<>();
        for (Node node : client.nodes().list().getItems()) {
            String name = name(node);
            if (name.equals(nodeName) || controlPlane.contains(name) || DisruptionMarks.isControlPlane(node)) {
                continue;
            }
            view.update(node);
            if (!DisruptionMarks.isReady(node)
                    || DisruptionMarks.isCordoned(node)
                    || !DisruptionMarks.holders(node).isEmpty()) {
                unavailable.add(name);
            }
        }
        if (unavailable.size() >= maxUnavailable) {
            return new Refusal(
                    Refusal.Kind.WAITING,
                    unavailable.size() + " worker node(s) unavailable (" + String.join(", ", unavailable)
                            + "); at most " + maxUnavailable + " may be (underlay.restart.max-unavailable-workers)");
        }
        return take(holder, Set.of(nodeName), view);
    }

    /** Drops {@code holder}'s mark; uncordons when no other holder still needs the Node. */
    public synchronized void release(DisruptionHolder holder, Node node, KubernetesView view) {
        Set<DisruptionHolder> holders = new LinkedHashSet<>(DisruptionMarks.holders(node));
        if (!holders.remove(holder)) {
            return;
        }
        if (holders.isEmpty()) {
            view.update(patch(node, null, null));
            Log.infof("Uncordoned Kubernetes node %s: %s ended", name(node), holder.describe());
        } else {
            view.update(patch(node, true, DisruptionMarks.join(holders)));
            Log.infof(
                    "Kubernetes node %s stays cordoned for %s after %s ended",
                    name(node), DisruptionMarks.join(holders), holder.describe());
        }
    }

    /**
     * Why the control-plane Nodes in {@code ours} may not be taken now, if they may not.
     *
     * @param ours         control-plane Nodes the holder wants
     * @param controlPlane every control-plane Node name
     */
    static Optional<Refusal> refusal(
            Collection<String> ours, Set<String> controlPlane, KubernetesView view, DisruptionHolder holder) {
        if (ours.size() > 1) {
            String where = holder instanceof DisruptionHolder.Maintenance m ? m.pveNode() : holder.describe();
            return Optional.of(new Refusal(
                    Refusal.Kind.BLOCKED,
                    where + " hosts " + ours.size() + " control-plane nodes (" + String.join(", ", new TreeSet<>(ours))
                            + "); draining them together would take more than one down; move one away first"));
        }
        for (String name : controlPlane) {
            if (ours.contains(name)) {
                continue;
            }
            Optional<Node> node = view.node(name);
            if (node.isEmpty()) {
                continue;
            }
            Set<String> others = new TreeSet<>();
            DisruptionMarks.holders(node.get()).stream()
                    .filter(h -> !h.equals(holder))
                    .forEach(h -> others.add(h.describe()));
            if (!DisruptionMarks.isReady(node.get())) {
                return Optional.of(new Refusal(Refusal.Kind.WAITING, "control-plane " + name + " is not Ready"));
            }
            if (DisruptionMarks.isCordoned(node.get()) || !others.isEmpty()) {
                return Optional.of(new Refusal(
                        Refusal.Kind.WAITING,
                        "control-plane " + name + " is cordoned"
                                + (others.isEmpty() ? "" : " for " + String.join(", ", others))));
            }
        }
        return Optional.empty();
    }

    /** The view may be a pass old; another holder may have taken a Node since. */
    private void reread(Set<String> names, KubernetesView view) {
        for (String name : names) {
            Node fresh = client.nodes().withName(name).get();
            if (fresh != null) {
                view.update(fresh);
            }
        }
    }

    /** @return whether the holder has the Node now; false when a person cordoned it (their cordon stays theirs) */
    private boolean cordon(Node node, DisruptionHolder holder, KubernetesView view) {
        Set<DisruptionHolder> holders = DisruptionMarks.holders(node);
        if (holders.contains(holder) && DisruptionMarks.isCordoned(node)) {
            return true;
        }
        if (DisruptionMarks.isCordoned(node) && holders.isEmpty()) {
            return false;
        }
        Set<DisruptionHolder> next = new LinkedHashSet<>(holders);
        next.add(holder);
        view.update(patch(node, true, DisruptionMarks.join(next)));
        Log.infof("Cordoned Kubernetes node %s for %s", name(node), holder.describe());
        return true;
    }

    private Node patch(Node node, Boolean unschedulable, String holders) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode metadata = body.putObject("metadata");
        // a stale view must not overwrite another writer's marks: the API server checks the resourceVersion
        Optional.ofNullable(node.getMetadata().getResourceVersion())
                .ifPresent(rv -> metadata.put("resourceVersion", rv));
        ObjectNode annotations = metadata.putObject("annotations");
        if (holders == null) {
            annotations.putNull(DisruptionMarks.ANNOTATION);
        } else {
            annotations.put(DisruptionMarks.ANNOTATION, holders);
        }
        ObjectNode spec = body.putObject("spec");
        if (unschedulable == null) {
            spec.putNull("unschedulable");
        } else {
            spec.put("unschedulable", unschedulable);
        }
        return client.nodes().withName(name(node)).patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    }

    private static String name(Node node) {
        return node.getMetadata().getName();
    }
}
