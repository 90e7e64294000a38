package dev.underlay.proxmox.rest;

/** HTTP methods of the PVE API. GET and DELETE never carry a body (PVE answers 501). */
public enum PveMethod {
    GET,
    POST,
    PUT,
    DELETE;

    public boolean carriesBody() {
        return this == POST || this == PUT;
    }
}
