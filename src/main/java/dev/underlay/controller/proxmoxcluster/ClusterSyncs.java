package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.QuorumLostException;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutOutcome;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutSync;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceEvents;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceOutcome;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceSync;
import dev.underlay.controller.support.ConnectedCluster;
import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApiException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The act step of a ProxmoxCluster pass: the HA layout sync when {@link SyncCadence} says it is due, then one step of
 * the maintenance sync, both through the quorum-gated client of the snapshot just taken. Every write the
 * ProxmoxCluster controller makes on Proxmox or on Kubernetes Nodes happens in one of these two.
 */
@ApplicationScoped
public class ClusterSyncs {

    @Inject
    HaLayoutSync haLayout;

    @Inject
    MaintenanceSync maintenance;

    @Inject
    SyncCadence cadence;

    @Inject
    MaintenanceEvents maintenanceEvents;

    /** What the syncs of one pass produced; an empty outcome keeps that sync's last status. */
    record Results(Optional<HaLayoutOutcome> ha, Optional<MaintenanceOutcome> maintenance, List<String> problems) {

        Results {
            problems = List.copyOf(problems);
        }

        /** Whether something is moving that the next pass should look at soon. */
        boolean busy() {
            return maintenance.map(MaintenanceOutcome::inProgress).orElse(false)
                    || ha.map(HaLayoutOutcome::changed).orElse(false);
        }
    }

    Results run(ProxmoxCluster cluster, ConnectedCluster connected) {
        ClusterKey key = connected.snapshot().cluster();
        List<String> problems = new ArrayList<>();
        Optional<HaLayoutOutcome> ha = Optional.empty();
        if (cadence.haLayoutDue(cluster, connected.snapshot())) {
            ha = step("HA layout", key, problems, () -> haLayout.sync(cluster, connected.api(), connected.snapshot()));
            cadence.haLayoutRan(cluster, connected.snapshot(), ha);
        }
        Optional<MaintenanceOutcome> maintenanceOutcome = step(
                "maintenance", key, problems, () -> maintenance.sync(cluster, connected.api(), connected.snapshot()));
        maintenanceOutcome.ifPresent(outcome -> maintenanceEvents.publishNodes(cluster, outcome));
        return new Results(ha, maintenanceOutcome, problems);
    }

    /**
     * Runs one sync step. The quorum gate refusing a write is expected while quorum is lost (status already says
     * QuorumLost); any other failure is reported as Degraded. Either way the step's last status stays.
     */
    private static <T> Optional<T> step(String what, ClusterKey key, List<String> problems, Step<T> step) {
        try {
            return Optional.of(step.run());
        } catch (QuorumLostException gateClosed) {
            Log.debugf("ProxmoxCluster %s: %s step held back: %s", key, what, gateClosed.getMessage());
            return Optional.empty();
        } catch (ProxmoxApiException failure) {
            Log.warnf("ProxmoxCluster %s: %s step failed: %s", key, what, failure.getMessage());
            problems.add(what + ": " + failure.getMessage());
            return Optional.empty();
        } catch (KubernetesClientException failure) {
            // maintenance cordons and drains Kubernetes nodes; the API server failing is no reason to lose the snapshot
            Log.warnf("ProxmoxCluster %s: %s step failed on the Kubernetes API: %s", key, what, failure.getMessage());
            problems.add(what + ": Kubernetes API: " + failure.getMessage());
            return Optional.empty();
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws ProxmoxApiException;
    }
}
