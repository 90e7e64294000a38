package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.ProxmoxApi;

/** Builds the REST {@link ProxmoxApi} for one cluster; callers cache and {@link ProxmoxApi#close()} it. */
public final class PveClientFactory {

    private PveClientFactory() {}

    /** Needs a running Quarkus application (see {@link HttpPveTransport}). */
    public static ProxmoxApi create(PveConnectionSettings settings) {
        return new PveRestApi(HttpPveTransport.create(settings));
    }
}
