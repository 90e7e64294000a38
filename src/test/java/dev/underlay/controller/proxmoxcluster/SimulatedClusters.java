package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/**
 * Operator tests against in-JVM simulators with resyncs short enough that a change made on the simulator shows in
 * status within a second or two (the default test profile resyncs every ten minutes, so that its tests only see
 * watch-triggered changes). Clusters run the real HA layout and maintenance syncs; a cluster labelled
 * {@value #WRITING_SEAMS_LABEL}=true gets stand-ins instead that write on every resync the spec asks for something,
 * so that the quorum gate has writes to hold back.
 */
public class SimulatedClusters implements QuarkusTestProfile {

    public static final String WRITING_SEAMS_LABEL = "test.underlay.dev/writing-seams";

    /** Marks {@code cluster} for the stand-ins {@link WritingHaLayoutSync} and {@link WritingMaintenanceSync}. */
    public static ProxmoxCluster withWritingSeams(ProxmoxCluster cluster) {
        cluster.getMetadata().setLabels(Map.of(WRITING_SEAMS_LABEL, "true"));
        return cluster;
    }

    static boolean wantsWritingSeams(ProxmoxCluster cluster) {
        Map<String, String> labels = cluster.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(WRITING_SEAMS_LABEL));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "underlay.backend",
                "simulator",
                "underlay.resync.calm",
                "1s",
                "underlay.resync.busy",
                "500ms",
                "underlay.resync.waiting",
                "1s");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(WritingHaLayoutSync.class, WritingMaintenanceSync.class);
    }
}
