package dev.underlay.controller.proxmoxcluster;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/**
 * Operator tests against in-JVM simulators with resyncs short enough that a change made on the simulator shows in
 * status within a second or two (the default test profile resyncs every ten minutes, so that its tests only see
 * watch-triggered changes). The HA layout and maintenance seams are replaced by ones that write whenever the spec
 * asks for something, so the quorum gate has writes to hold back.
 */
public class SimulatedClusters implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("underlay.backend", "simulator",
                "underlay.resync.calm", "1s",
                "underlay.resync.busy", "500ms",
                "underlay.resync.waiting", "1s");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(WritingHaLayoutSync.class, WritingMaintenanceSync.class);
    }
}
