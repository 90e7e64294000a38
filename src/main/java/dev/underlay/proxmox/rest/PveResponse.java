package dev.underlay.proxmox.rest;

/**
 * A PVE answer as data. {@code reasonPhrase} matters: before libpve-http-server-perl 5.2.0 (PVE &lt; 8.3) it is
 * the only place the error text appears. {@code body} is empty for 401 and the 59x pseudo-statuses.
 */
public record PveResponse(int status, String reasonPhrase, String body) {

    public PveResponse {
        reasonPhrase = reasonPhrase == null ? "" : reasonPhrase;
        body = body == null ? "" : body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
