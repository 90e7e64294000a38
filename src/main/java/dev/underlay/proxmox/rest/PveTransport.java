package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.ProxmoxApiException;

/**
 * Moves one {@link PveRequest} to a PVE API and returns its answer, whatever the status. Transports throw only
 * for failures where no answer arrived (connection, TLS, timeouts, client-side limits); HTTP errors are returned
 * as responses and classified by {@link PveErrorMapper}.
 */
public interface PveTransport extends AutoCloseable {

    PveResponse exchange(PveRequest request) throws ProxmoxApiException;

    @Override
    default void close() {}
}
