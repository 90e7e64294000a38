package dev.underlay.proxmox.rest;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds {@code Authorization: PVEAPIToken=user@realm!tokenid=secret}. API tokens are stateless: no ticket, no
 * CSRF token, no 2-hour expiry. The secret lives only in this filter and is never logged.
 */
final class PveTokenAuthFilter implements ClientRequestFilter {

    private final String headerValue;

    PveTokenAuthFilter(String tokenId, String secret) {
        this.headerValue = "PVEAPIToken=" + tokenId + "=" + secret;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, headerValue);
    }

    @Override
    public String toString() {
        return "PveTokenAuthFilter[***]";
    }
}
