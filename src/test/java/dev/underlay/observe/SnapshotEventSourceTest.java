package dev.underlay.observe;

import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.testing.Fixtures;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot fan-out with JOSDK's real external-resource cache behind it: a snapshot wakes exactly the child
 * resources whose observation changed by equals(), volatile numbers wake nobody, a vanished guest wakes its resource,
 * and another cluster's snapshot wakes nobody here.
 */
class SnapshotEventSourceTest {

    private final SnapshotStore store = new SnapshotStore();
    private final List<TalosNodeVM> primaries = new ArrayList<>();
    private final Map<String, Function<TalosNodeVM, List<String>>> indexers = new HashMap<>();
    private final List<ResourceID> woken = new ArrayList<>();
    private SnapshotEventSource<VmObservation, TalosNodeVM> source;

    @BeforeEach
    void start() {
        for (int vmid : List.of(101, 102, 103)) {
            primaries.add(Fixtures.vm("ns", "talos-" + vmid, "homelab", "mc"));
        }
        EventSourceContext<TalosNodeVM> context =
                new EventSourceContext<>(primaryCache(), null, null, TalosNodeVM.class);
        source = SnapshotEventSource.register(
                context,
                store,
                VmObservation.class,
                obs -> Integer.toString(obs.vmid()),
                vm -> Optional.of(vm.getSpec().clusterRef().name()),
                (vm, snapshot) -> VmObservation.of(snapshot, vmid(vm)));
        source.setEventHandler(event -> woken.add(event.getRelatedCustomResourceID()));
        source.start();
    }

    @Test
    void onlyTheChildWhoseObservationChangedIsWoken() {
        store.publish(threeVms().build());
        assertThat(woken).as("first snapshot: every child learns its VM").hasSize(3);
        woken.clear();

        store.publish(Snapshots.homelab()
                .vm(101, "pve-ms01-01", "running", null, 0.9, 9L << 30)
                .vm(102, "pve-ms01-02", "running", null, 0.01, 1L << 30)
                .vm(103, "pve-aimax-01", "running", null, 0.5, 3L << 30)
                .build());
        assertThat(woken).as("only CPU and memory moved: nobody").isEmpty();

        store.publish(Snapshots.homelab()
                .vm(101, "pve-ms01-01", "running")
                .vm(102, "pve-ms01-01", "running", "migrate", 0.1, 1L << 30)
                .vm(103, "pve-aimax-01", "running")
                .build());
        assertThat(woken).containsExactly(id("talos-102"));
        assertThat(source.getSecondaryResource(id("talos-102")).orElseThrow().lock())
                .isEqualTo("migrate");
    }

    @Test
    void aVanishedGuestWakesItsResourceAndAnotherClusterWakesNobody() {
        store.publish(threeVms().build());
        woken.clear();

        store.publish(threeVms().cluster(new ClusterKey("ns", "other")).build());
        store.publish(threeVms().cluster(new ClusterKey("other-ns", "homelab")).build());
        assertThat(woken).isEmpty();

        store.publish(Snapshots.homelab()
                .vm(101, "pve-ms01-01", "running")
                .vm(102, "pve-ms01-02", "running")
                .build());
        assertThat(woken).containsExactly(id("talos-103"));
        assertThat(source.getSecondaryResource(id("talos-103"))).isEmpty();
    }

    @Test
    void aRunningTaskOnTheGuestIsPartOfItsObservation() {
        store.publish(threeVms().build());
        woken.clear();
        store.publish(threeVms().runningTask("qmreboot", "103").build());
        assertThat(woken).containsExactly(id("talos-103"));
        assertThat(source.getSecondaryResource(id("talos-103")).orElseThrow().runningTask())
                .contains("qmreboot");
    }

    @Test
    void aFirstReconcileReadsTheStoreAndARemovedClusterClearsTheObservations() {
        store.publish(threeVms().build());
        source.stop();
        woken.clear();
        assertThat(store.latest(Snapshots.CLUSTER)).isPresent();
        // a fresh source (operator restart) answers a reconcile from the store, without an event
        SnapshotEventSource<VmObservation, TalosNodeVM> fresh = SnapshotEventSource.register(
                new EventSourceContext<>(primaryCache(), null, null, TalosNodeVM.class),
                store,
                VmObservation.class,
                obs -> Integer.toString(obs.vmid()),
                vm -> Optional.of(vm.getSpec().clusterRef().name()),
                (vm, snapshot) -> VmObservation.of(snapshot, vmid(vm)));
        fresh.setEventHandler(event -> woken.add(event.getRelatedCustomResourceID()));
        fresh.start();
        assertThat(fresh.getSecondaryResources(primaries.get(0)))
                .extracting(VmObservation::vmid)
                .containsExactly(101);

        store.publish(threeVms().build());
        store.remove(Snapshots.CLUSTER);
        assertThat(woken).contains(id("talos-101"), id("talos-102"), id("talos-103"));
        assertThat(fresh.getSecondaryResource(id("talos-101"))).isEmpty();
    }

    private static Snapshots threeVms() {
        return Snapshots.homelab()
                .vm(101, "pve-ms01-01", "running")
                .vm(102, "pve-ms01-02", "running")
                .vm(103, "pve-aimax-01", "running");
    }

    private static ResourceID id(String name) {
        return new ResourceID(name, "ns");
    }

    /** The fixture fixes vmid 101 in every spec; here the VMID is the number in the resource's name. */
    private static int vmid(TalosNodeVM vm) {
        return Integer.parseInt(vm.getMetadata().getName().substring("talos-".length()));
    }

    /** The primary cache's index, as the informer's indexer would compute it. */
    @SuppressWarnings("unchecked")
    private IndexerResourceCache<TalosNodeVM> primaryCache() {
        return (IndexerResourceCache<TalosNodeVM>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IndexerResourceCache.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addIndexer":
                            indexers.put((String) args[0], (Function<TalosNodeVM, List<String>>) args[1]);
                            return null;
                        case "byIndex":
                            return primaries.stream()
                                    .filter(p -> indexers.get((String) args[0])
                                            .apply(p)
                                            .contains((String) args[1]))
                                    .toList();
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
