package dev.underlay.connection;

import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.Permissions;
import dev.underlay.proxmox.model.PveVersion;
import io.quarkus.logging.Log;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One cached client for one ProxmoxCluster. {@link #api()} is what every controller gets: quorum-gated and metered.
 * The handshake ({@code /version} and the token's {@code /access/permissions}) runs once per client, on first use,
 * and again only if it failed; {@link ProxmoxConnections} rebuilds a client once it is older than
 * {@code underlay.proxmox.client-refresh}, which re-reads both.
 */
public final class ClusterConnection implements AutoCloseable {

    private final ClusterKey cluster;
    private final ConnectionRequest.Identity identity;
    private final ProxmoxApi api;
    private final AutoCloseable closer;
    private final Supplier<String> activeEndpoint;
    private final Instant builtAt;
    private final AtomicBoolean announced = new AtomicBoolean();
    private volatile Handshake handshake;

    ClusterConnection(
            ClusterKey cluster,
            ConnectionRequest.Identity identity,
            ProxmoxApi api,
            AutoCloseable closer,
            Supplier<String> activeEndpoint,
            Instant builtAt) {
        this.cluster = cluster;
        this.identity = identity;
        this.api = api;
        this.closer = closer;
        this.activeEndpoint = activeEndpoint;
        this.builtAt = builtAt;
    }

    /** When this client was built. */
    public Instant builtAt() {
        return builtAt;
    }

    public ClusterKey cluster() {
        return cluster;
    }

    public ConnectionRequest.Identity identity() {
        return identity;
    }

    /** The quorum-gated, metered API of this cluster. */
    public ProxmoxApi api() {
        return api;
    }

    /** The endpoint that answered last, for status. */
    public String activeEndpoint() {
        return activeEndpoint.get();
    }

    /** The PVE version and the token's privileges, read once per client. */
    public Handshake handshake() throws ProxmoxApiException {
        Handshake done = handshake;
        if (done == null) {
            synchronized (this) {
                if (handshake == null) {
                    PveVersion version = api.version();
                    Permissions permissions = api.permissions(null);
                    handshake = new Handshake(version, permissions);
                }
                done = handshake;
            }
        }
        return done;
    }

    /** True exactly once per client: the first caller announces it (e.g. the insecureSkipVerify Warning event). */
    public boolean firstUse() {
        return announced.compareAndSet(false, true);
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            Log.debugf("closing the Proxmox client of %s: %s", cluster, e.getMessage());
        }
    }

    /** What the client learned when it first connected. */
    public record Handshake(PveVersion version, Permissions permissions) {}
}
