package dev.underlay.connection;

import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.Snapshots;
import dev.underlay.proxmox.ProxmoxApi;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The quorum gate over every ProxmoxApi method: while the latest snapshot is not quorate (or there is none), each
 * write is refused before it reaches the client and each read goes through; with quorum everything goes through.
 */
class QuorumGateTest {

    private final RecordingApi delegate = new RecordingApi();
    private final AtomicReference<Optional<ClusterSnapshot>> latest = new AtomicReference<>(Optional.empty());
    private final List<String> refused = new ArrayList<>();
    private final ProxmoxApi gated =
            QuorumGate.guard(Snapshots.CLUSTER, delegate.api, latest::get, (cluster, method) -> refused.add(method));

    @Test
    void withoutQuorumEveryWriteIsRefusedAndEveryReadPasses() throws Throwable {
        latest.set(Optional.of(Snapshots.homelab().quorate(false).build()));
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (Method method : apiMethods()) {
            boolean mutating = ApiCalls.of(method).orElseThrow().mutating();
            if (mutating) {
                writes.add(method.getName());
                assertThatThrownBy(() -> invoke(method))
                        .as(method.getName())
                        .isInstanceOf(QuorumLostException.class)
                        .hasMessageContaining(method.getName())
                        .hasMessageContaining("not quorate");
            } else {
                reads.add(method.getName());
                invoke(method);
            }
        }
        assertThat(writes).hasSizeGreaterThan(30);
        assertThat(delegate.calls).as("only reads reached the client").containsExactlyInAnyOrderElementsOf(reads);
        assertThat(refused).containsExactlyInAnyOrderElementsOf(writes);
    }

    @Test
    void beforeAnySnapshotWritesWaitForQuorumToBeConfirmed() {
        assertThatThrownBy(() -> gated.setCephFlag(null, true))
                .isInstanceOf(QuorumLostException.class)
                .hasMessageContaining("no snapshot has confirmed quorum yet");
        assertThat(delegate.calls).isEmpty();
    }

    @Test
    void withQuorumEverythingPassesAndTheGateFollowsTheLatestSnapshot() throws Throwable {
        latest.set(Optional.of(Snapshots.homelab().build()));
        for (Method method : apiMethods()) {
            invoke(method);
        }
        assertThat(delegate.calls).hasSize(apiMethods().size());
        assertThat(refused).isEmpty();

        latest.set(Optional.of(Snapshots.homelab().quorate(false).build()));
        assertThatThrownBy(() -> gated.deleteVm("pve-ms01-01", 101, null)).isInstanceOf(QuorumLostException.class);
        latest.set(Optional.of(Snapshots.homelab().build()));
        gated.deleteVm("pve-ms01-01", 101, null);
        assertThat(delegate.calls).endsWith("deleteVm");
    }

    @Test
    void closeIsNotAnApiCallAndAlwaysReachesTheClient() {
        latest.set(Optional.of(Snapshots.homelab().quorate(false).build()));
        gated.close();
        assertThat(delegate.calls).containsExactly("close");
    }

    private Object invoke(Method method) throws Throwable {
        try {
            return method.invoke(gated, RecordingApi.arguments(method));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static List<Method> apiMethods() {
        List<Method> methods = new ArrayList<>();
        for (Method method : ProxmoxApi.class.getMethods()) {
            if (!method.getName().equals("close")) {
                methods.add(method);
            }
        }
        return methods;
    }
}
