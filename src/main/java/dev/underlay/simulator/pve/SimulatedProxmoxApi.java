package dev.underlay.simulator.pve;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.rest.PveRestApi;

/**
 * The in-JVM {@link ProxmoxApi} over a {@link PveSimulator}: the REST client's own {@link PveRestApi} on a
 * {@link SimulatorTransport}. Requests therefore go through the same typed encoding, the simulator's schema
 * validation and the same answer mapping and error classification as over HTTPS; only HTTP and TLS are skipped.
 *
 * <pre>{@code
 * PveSimulator sim = PveSimulator.homelab(PveVersion.PVE_9_1);
 * ProxmoxApi api = SimulatedProxmoxApi.create(sim);                       // the seeded operator token
 * ProxmoxApi bad = SimulatedProxmoxApi.create(sim, Credentials.token("underlay@pve!operator", "wrong"));
 * ProxmoxApi slow = SimulatedProxmoxApi.create(SimulatorTransport.of(sim).honouringDelays());
 * }</pre>
 */
public final class SimulatedProxmoxApi {

    private SimulatedProxmoxApi() {}

    /** Talks to {@code simulator} with its seeded operator token; answer delays are ignored. */
    public static ProxmoxApi create(PveSimulator simulator) {
        return create(SimulatorTransport.of(simulator));
    }

    /** Talks to {@code simulator} with explicit credentials (to test authentication and privileges). */
    public static ProxmoxApi create(PveSimulator simulator, Credentials credentials) {
        return create(SimulatorTransport.of(simulator, credentials));
    }

    /**
     * Over a prepared transport. Like the REST client, it learns the version from {@code /version} the first time a
     * version-gated call needs it, so both facades send exactly the same requests.
     */
    public static ProxmoxApi create(SimulatorTransport transport) {
        return new PveRestApi(transport);
    }
}
