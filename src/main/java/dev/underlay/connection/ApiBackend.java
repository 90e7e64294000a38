package dev.underlay.connection;

import dev.underlay.proxmox.ProxmoxApi;

import java.util.function.Supplier;

/** Opens the undecorated client for one cluster: REST over HTTPS, or an in-JVM simulator. */
interface ApiBackend {

    Opened open(ConnectionRequest request);

    /** The client and where it answers from. */
    record Opened(ProxmoxApi api, Supplier<String> activeEndpoint) {}
}
