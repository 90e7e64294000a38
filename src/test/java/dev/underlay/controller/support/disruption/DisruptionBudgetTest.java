package dev.underlay.controller.support.disruption;

import dev.underlay.observe.ClusterKey;
import dev.underlay.testing.TalosNodes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one budget that node maintenance and TalosNodeVM restarts share, against a Kubernetes API (the fabric8 mock in
 * CRUD mode): whoever holds a control-plane Node keeps every other holder off the others.
 */
class DisruptionBudgetTest {

    private static final DisruptionHolder DRAIN =
            DisruptionHolder.maintenance(new ClusterKey("homelab", "homelab"), "pve-ms01-01");
    private static final DisruptionHolder RESTART = DisruptionHolder.restart("homelab", "talos-cp-02");

    private KubernetesMockServer server;
    private KubernetesClient client;
    private DisruptionBudget budget;

    @BeforeEach
    void start() throws Exception {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        for (int i = 1; i <= 3; i++) {
            client.nodes().resource(controlPlane("talos-cp-0" + i)).create();
        }
        client.nodes().resource(worker("talos-worker-01")).create();
        budget = new DisruptionBudget(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aMaintenanceDrainKeepsARestartOffTheOtherControlPlanesUntilItEnds() {
        KubernetesView staleForRestart = view();
        assertThat(budget.take(DRAIN, List.of("talos-cp-01"), view()))
                .isEqualTo(new DisruptionBudget.Taken(Set.of("talos-cp-01"), Set.of()));
        assertThat(node("talos-cp-01").getSpec().getUnschedulable()).isTrue();
        assertThat(DisruptionMarks.holders(node("talos-cp-01"))).containsExactly(DRAIN);

        // read before the drain took its Node: the budget reads the control plane again before it says yes
        assertThat(budget.take(RESTART, List.of("talos-cp-02"), staleForRestart))
                .isEqualTo(new DisruptionBudget.Refusal(
                        DisruptionBudget.Refusal.Kind.WAITING,
                        "control-plane talos-cp-01 is cordoned for maintenance homelab/homelab:pve-ms01-01"));
        assertThat(DisruptionMarks.holders(node("talos-cp-02"))).isEmpty();
        assertThat(node("talos-cp-02").getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);

        KubernetesView view = view();
        budget.release(DRAIN, view.node("talos-cp-01").orElseThrow(), view);
        assertThat(node("talos-cp-01").getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);

        assertThat(budget.take(RESTART, List.of("talos-cp-02"), view())).isInstanceOf(DisruptionBudget.Taken.class);
        assertThat(budget.take(DRAIN, List.of("talos-cp-01"), view()))
                .isEqualTo(new DisruptionBudget.Refusal(
                        DisruptionBudget.Refusal.Kind.WAITING,
                        "control-plane talos-cp-02 is cordoned for restart of TalosNodeVM homelab/talos-cp-02"));
    }

    @Test
    void aMaintenanceAndARestartOnTwoThreadsNeverBothHoldTheBudget() throws Exception {
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> drains = threads.submit(() -> holdRepeatedly(DRAIN, "talos-cp-01", overlaps));
            Future<Integer> restarts = threads.submit(() -> holdRepeatedly(RESTART, "talos-cp-02", overlaps));
            assertThat(drains.get(120, TimeUnit.SECONDS)).isEqualTo(HOLDS);
            assertThat(restarts.get(120, TimeUnit.SECONDS)).isEqualTo(HOLDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(overlaps).isEmpty();
        assertThat(client.nodes().list().getItems())
                .allSatisfy(n -> assertThat(DisruptionMarks.holders(n)).isEmpty());
    }

    private static final int HOLDS = 10;
    private static final int MAX_ATTEMPTS = 2000;

    /** Takes and gives back its Node until it held it {@link #HOLDS} times; while holding, nobody else may. */
    private int holdRepeatedly(DisruptionHolder holder, String nodeName, List<String> overlaps) {
        int held = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && held < HOLDS; attempt++) {
            if (!(budget.take(holder, List.of(nodeName), view()) instanceof DisruptionBudget.Taken)) {
                continue;
            }
            held++;
            for (Node other : client.nodes().list().getItems()) {
                if (!other.getMetadata().getName().equals(nodeName)
                        && !DisruptionMarks.holders(other).isEmpty()) {
                    overlaps.add(holder.describe() + " holds " + nodeName + " while " + DisruptionMarks.holders(other)
                            + " holds " + other.getMetadata().getName());
                }
            }
            KubernetesView view = view();
            budget.release(holder, view.node(nodeName).orElseThrow(), view);
        }
        return held;
    }

    @Test
    void twoControlPlanesAtOnceAreBlockedAndNothingIsWritten() {
        assertThat(budget.take(DRAIN, List.of("talos-cp-01", "talos-cp-02"), view()))
                .isEqualTo(new DisruptionBudget.Refusal(
                        DisruptionBudget.Refusal.Kind.BLOCKED,
                        "pve-ms01-01 hosts 2 control-plane nodes (talos-cp-01, talos-cp-02); draining them together "
                                + "would take more than one down; move one away first"));
        assertThat(client.nodes().list().getItems())
                .allSatisfy(n -> assertThat(DisruptionMarks.holders(n)).isEmpty());
    }

    @Test
    void aControlPlaneNotReadyHoldsBackEveryOtherButWorkersAreNotCounted() {
        client.nodes().resource(notReady(controlPlane("talos-cp-03"))).update();

        assertThat(budget.take(RESTART, List.of("talos-cp-02"), view()))
                .isEqualTo(new DisruptionBudget.Refusal(
                        DisruptionBudget.Refusal.Kind.WAITING, "control-plane talos-cp-03 is not Ready"));
        assertThat(budget.take(DRAIN, List.of("talos-worker-01"), view())).isInstanceOf(DisruptionBudget.Taken.class);
    }

    @Test
    void aPersonsCordonIsDrainedAroundButStaysTheirs() {
        Node cordoned = node("talos-worker-01");
        cordoned.getSpec().setUnschedulable(true);
        client.nodes().resource(cordoned).update();

        assertThat(budget.take(DRAIN, List.of("talos-worker-01"), view()))
                .isEqualTo(new DisruptionBudget.Taken(Set.of(), Set.of("talos-worker-01")));
        KubernetesView view = view();
        budget.release(DRAIN, view.node("talos-worker-01").orElseThrow(), view);
        assertThat(node("talos-worker-01").getSpec().getUnschedulable()).isTrue();
    }

    private KubernetesView view() {
        return KubernetesView.read(client, "homelab", false);
    }

    private Node node(String name) {
        return client.nodes().withName(name).get();
    }

    private static Node controlPlane(String name) {
        return TalosNodes.readyControlPlaneNode(name);
    }

    private static Node worker(String name) {
        Node node = TalosNodes.readyControlPlaneNode(name);
        node.getMetadata().getLabels().remove(DisruptionMarks.CONTROL_PLANE_LABEL);
        return node;
    }

    private static Node notReady(Node node) {
        node.getStatus().getConditions().get(0).setStatus("False");
        return node;
    }
}
