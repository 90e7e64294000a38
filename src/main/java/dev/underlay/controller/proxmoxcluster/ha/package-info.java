/**
 * The HA layout: {@code ProxmoxCluster.spec.haGroups} kept on the cluster.
 *
 * <h2>Mapping</h2>
 * <pre>
 * spec.haGroups[]      PVE 8 (and 9 before migration)     PVE 9 after migration
 * -------------------  ---------------------------------  -------------------------------------------------
 * name                 group                              rule (type=node-affinity); a rule ha-group-&lt;name&gt;
 *                                                         (what PVE's migration makes of group &lt;name&gt;) stands
 *                                                         for the entry when no rule &lt;name&gt; exists
 * nodes [n, n:prio]    nodes                              nodes
 * restricted           restricted                         strict
 * noFailback           nofailback                         failback=0 on every member HA resource
 * comment              comment + " " + marker             comment + " " + marker
 * (members)            each HA resource names its group   resources = vm:&lt;vmid&gt; of the TalosNodeVMs with
 *                      (set by the TalosNodeVM side)      ha.enabled and ha.group=name that HA manages, plus
 *                                                         guests a person put in the rule that no TalosNodeVM
 *                                                         describes
 * adopt                take over an unmarked group        take over an unmarked rule
 * </pre>
 *
 * <h2>Ownership marker</h2>
 * {@code underlay.dev/owner=<ProxmoxCluster metadata.uid>} as the last whitespace-separated token of the comment
 * ({@link dev.underlay.controller.support.ownership.OwnerMarker}).
 *
 * <h2>Mode detection (every call, nothing cached)</h2>
 * PVE 8: groups. PVE 9: {@code GET /cluster/ha/groups}; 500 "migrated to rules" means rules; an answer means the
 * groups are not migrated yet, and then the other nodes' versions decide between "groups" (all on 9: PVE migrates
 * soon) and Unknown (PVE 8 nodes left: mid-upgrade, nothing is written).
 *
 * <h2>Wiring</h2>
 * {@link dev.underlay.controller.proxmoxcluster.ha.PveHaLayoutSync} is the {@code HaLayoutSync} bean and also
 * {@link dev.underlay.controller.proxmoxcluster.ha.HaLayoutCleanup}, which the ProxmoxCluster cleanup calls.
 */
package dev.underlay.controller.proxmoxcluster.ha;
