/**
 * The Ceph seam: {@link dev.underlay.ceph.CephApi}, its model ({@code model}) and its backends ({@code pve} through
 * {@code ProxmoxApi}, {@code dashboard} through the Ceph manager's REST API). Nothing here knows Kubernetes or the
 * operator SDK.
 *
 * <p><b>Why its own exceptions.</b> {@link dev.underlay.ceph.CephApiException} mirrors the categories of
 * {@code dev.underlay.proxmox.ProxmoxApiException} (not found, conflict, invalid request with its field,
 * authentication, permission, unavailable/retryable, TLS) instead of reusing those classes, because a Ceph cluster
 * reached through its Dashboard has nothing to do with Proxmox: a shared base would make {@code ceph} depend on
 * {@code proxmox} for every backend, and the Proxmox classes carry PVE specifics (locks, HA migration, version
 * checks) that never happen here. The PVE backend translates the Proxmox exceptions one to one and keeps them as
 * the cause, so nothing is lost; {@link dev.underlay.ceph.CephApiException#isRetryable()} means the same on both.
 */
package dev.underlay.ceph;
