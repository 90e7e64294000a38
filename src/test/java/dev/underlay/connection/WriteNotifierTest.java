package dev.underlay.connection;

import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.Snapshots;
import dev.underlay.proxmox.ProxmoxApi;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every write that went through asks for a snapshot of its cluster; no read ever does. */
class WriteNotifierTest {

    private final RecordingApi delegate = new RecordingApi();
    private final List<ClusterKey> requests = new ArrayList<>();
    private final ProxmoxApi notifying = WriteNotifier.notifying(Snapshots.CLUSTER, delegate.api, requests::add);

    @Test
    void eachMutatingCallAsksForOneSnapshotAndReadsAskForNone() throws Exception {
        int writes = 0;
        for (Method method : Arrays.stream(ProxmoxApi.class.getMethods())
                .filter(m -> !m.isDefault() && !Modifier.isStatic(m.getModifiers()))
                .toList()) {
            int before = requests.size();
            try {
                method.invoke(notifying, RecordingApi.arguments(method));
            } catch (InvocationTargetException e) {
                throw new AssertionError(method.getName(), e.getCause());
            }
            boolean mutating = ApiCalls.of(method).orElseThrow().mutating();
            writes += mutating ? 1 : 0;
            assertThat(requests.size() - before).as(method.getName()).isEqualTo(mutating ? 1 : 0);
        }
        assertThat(writes).isGreaterThan(30);
        assertThat(requests).containsOnly(Snapshots.CLUSTER);
    }
}
