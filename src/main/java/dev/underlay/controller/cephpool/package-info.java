/**
 * The CephPool controller: {@code CephPoolPlanner} decides one step from spec and what Ceph and Proxmox report,
 * {@code CephPoolReconciler} performs it through {@code CephApi} (Proxmox or Dashboard backend, chosen by the
 * ProxmoxCluster's {@code spec.ceph}) and writes status through the one status path.
 *
 * <p><b>Who owns a Ceph pool.</b> Ceph pools carry no comment, and neither backend can write what could stand in for
 * one: Proxmox's pool API and the Dashboard's pool edit only enable or disable whole applications, and cannot set
 * application metadata keys; Proxmox storage definitions have no comment either, and exist only for pools that are
 * registered as storage. So the record lives on the Kubernetes side: before it creates a pool, the controller writes
 * the annotation {@code underlay.dev/ceph-pool-owner=<operator id>/<namespace>/<name>} on the CephPool (identity
 * before creation), and only a CephPool whose annotation carries exactly its own token changes or deletes the pool.
 * The token has {@code OwnerMarker.Owner} semantics, not the uid: a CephPool restored from a backup (Velero keeps
 * annotations) is still the owner. A CephPool re-created without the annotation (from Git, say) finds the pool
 * unclaimed and only observes it ({@code OwnershipConflict}) until {@code spec.adopt: true}, so the failure mode of
 * a lost record is "observe", never "rewrite". A pool of that name that the operator did not create is the same
 * case. Two CephPools naming one pool cannot both hold the claim, since the token names one resource.
 *
 * <p><b>Usage.</b> {@code PoolInventory} reads all pools of a cluster, with their usage, in one call shared by all
 * its CephPools, at most once per {@code underlay.cephpool.usage-refresh}; a change made by this controller or a
 * spec change asks for a fresh read.
 *
 * <p><b>Metrics.</b> {@code dev.underlay.metrics} has no per-pool series yet (only PVE call and snapshot series);
 * used bytes, percent, objects and PGs per pool belong there, fed from {@code PoolInventory}, in a follow-up.
 */
package dev.underlay.controller.cephpool;
