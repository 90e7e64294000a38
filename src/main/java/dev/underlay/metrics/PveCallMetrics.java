package dev.underlay.metrics;

import dev.underlay.observe.ClusterKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator's own view of its Proxmox traffic: calls by cluster, path class and outcome, their latency, and the
 * writes the quorum gate kept back. Series of a deleted cluster are removed with it.
 */
@ApplicationScoped
public class PveCallMetrics {

    public static final String CALLS = "underlay.pve.calls";
    public static final String LATENCY = "underlay.pve.call.duration";
    public static final String REFUSED = "underlay.pve.quorum.gate.refusals";
    public static final String CONNECTIONS = "underlay.pve.connections.built";

    @Inject
    MeterRegistry registry;

    public PveCallMetrics() {}

    /** For tests without CDI. */
    public PveCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void call(ClusterKey cluster, String pathClass, Throwable failure, long nanos) {
        String outcome = CallOutcome.of(failure);
        Counter.builder(CALLS)
                .description("Proxmox VE API calls made by the operator")
                .tags("cluster", cluster.toString(), "path_class", pathClass, "outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder(LATENCY)
                .description("Latency of Proxmox VE API calls, by path class")
                .tags("cluster", cluster.toString(), "path_class", pathClass)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void refused(ClusterKey cluster, String method) {
        Counter.builder(REFUSED)
                .description("Mutating calls the quorum gate did not send because the cluster was not quorate")
                .tags("cluster", cluster.toString(), "method", method)
                .register(registry)
                .increment();
    }

    /** A client was (re)built: first connect, token rotation, endpoint or TLS change. */
    public void connectionBuilt(ClusterKey cluster) {
        Counter.builder(CONNECTIONS)
                .description("Proxmox API clients built (first connect, rotated credentials, changed endpoints or TLS)")
                .tags("cluster", cluster.toString())
                .register(registry)
                .increment();
    }

    public void forget(ClusterKey cluster) {
        for (String name : List.of(CALLS, LATENCY, REFUSED, CONNECTIONS)) {
            for (Meter meter :
                    registry.find(name).tag("cluster", cluster.toString()).meters()) {
                registry.remove(meter);
            }
        }
    }
}
