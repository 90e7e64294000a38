package dev.underlay.proxmox.model;

/** A row of {@code GET /cluster/ceph/flags}. */
public record CephFlagState(CephFlag flag, boolean value, String description) {}
