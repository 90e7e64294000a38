package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.controller.support.disruption.DisruptionBudget;
import dev.underlay.controller.support.disruption.DisruptionHolder;
import dev.underlay.controller.support.disruption.DisruptionMarks;
import dev.underlay.controller.support.disruption.DrainProgress;
import dev.underlay.controller.support.disruption.KubernetesView;
import dev.underlay.controller.support.disruption.NodeDrainer;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.talosnodevm.VmFacts.KubeNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Kubernetes side of a TalosNodeVM's gated restart: the shared {@link DisruptionBudget} (whose mark on the Node
 * is the durable record that the cordon was taken) and the drain. The Proxmox side (shutdown, start) is
 * {@link VmActions}'. Each method carries out one planned step and says how the plan turned out.
 */
final class RestartGate {

    /** A refusal that only a person can lift is looked at again less often. */
    static final Duration BLOCKED_RECHECK = Duration.ofMinutes(2);

    private final KubernetesClient client;
    private final DisruptionBudget budget;
    private final int maxUnavailableWorkers;

    RestartGate(KubernetesClient client, DisruptionBudget budget, int maxUnavailableWorkers) {
        this.client = client;
        this.budget = budget;
        this.maxUnavailableWorkers = maxUnavailableWorkers;
    }

    /** The VM's Kubernetes Node, one GET; read only while a restart may be near (the config was read, or one runs). */
    KubeNode node(String name, DisruptionHolder holder) {
        Node node = client.nodes().withName(name).get();
        if (node == null) {
            return KubeNode.absent(name);
        }
        return new KubeNode(
                name,
                true,
                DisruptionMarks.isReady(node),
                readySince(node).orElse(null),
                DisruptionMarks.holders(node).contains(holder));
    }

    /** @return the plan as carried out: the Act when the budget was taken, a Wait naming who holds it otherwise */
    Plan<VmAction> take(String namespace, DisruptionHolder holder, VmAction.TakeBudget take, Plan<VmAction> plan) {
        KubernetesView view = KubernetesView.read(client, namespace, true);
        DisruptionBudget.Decision decision = take.controlPlane()
                ? budget.take(holder, List.of(take.kubernetesNode()), view)
                : budget.takeWorker(holder, take.kubernetesNode(), maxUnavailableWorkers, view);
        if (decision instanceof DisruptionBudget.Refusal refusal) {
            return new Plan.Wait<>(
                    ConditionReasons.RESTART_WAITING,
                    "restart of " + take.kubernetesNode() + " for " + take.pending() + " waits: " + refusal.reason(),
                    refusal.kind() == DisruptionBudget.Refusal.Kind.BLOCKED ? BLOCKED_RECHECK : null);
        }
        return plan;
    }

    /** @return the Act when no evictable pod is left (the shutdown is next), a Wait with the drain's progress otherwise */
    Plan<VmAction> drain(VmAction.Drain drain, Plan<VmAction> plan) {
        DrainProgress progress = new NodeDrainer(client).drain(drain.kubernetesNode());
        if (progress.drained()) {
            return plan;
        }
        return Plan.waitFor(ConditionReasons.RESTARTING, progress.describe(drain.kubernetesNode()));
    }

    void release(String namespace, DisruptionHolder holder, VmAction.ReleaseBudget release) {
        KubernetesView view = KubernetesView.read(client, namespace, false);
        view.node(release.kubernetesNode()).ifPresent(node -> budget.release(holder, node, view));
    }

    /** The newest of the Ready condition's heartbeat and transition: when the kubelet last said it is Ready. */
    private static Optional<Instant> readySince(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .flatMap(RestartGate::times)
                .max(Instant::compareTo);
    }

    private static Stream<Instant> times(NodeCondition condition) {
        return Stream.of(condition.getLastHeartbeatTime(), condition.getLastTransitionTime())
                .flatMap(text -> {
                    try {
                        return text == null ? Stream.empty() : Stream.of(Instant.parse(text));
                    } catch (DateTimeParseException e) {
                        return Stream.empty();
                    }
                });
    }
}
