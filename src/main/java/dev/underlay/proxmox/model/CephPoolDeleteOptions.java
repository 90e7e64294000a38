package dev.underlay.proxmox.model;

/**
 * {@code DELETE /nodes/{node}/ceph/pool/{name}}. {@code force} destroys a pool that is in use; PVE does not stop a
 * pool with data from being deleted, which is why the operator checks usage first.
 */
public record CephPoolDeleteOptions(boolean force, boolean removeStorages, Boolean removeEcprofile) {}
