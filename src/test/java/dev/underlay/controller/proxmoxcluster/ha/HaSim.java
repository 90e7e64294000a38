package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.rest.PveRestApi;
import dev.underlay.simulator.pve.ManualClock;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveSimulatorBuilder;
import dev.underlay.simulator.pve.SimulatorTransport;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.simulator.pve.model.HaState;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The homelab simulator behind the real REST client, plus the sync under test with members the test controls and
 * snapshots taken the way the observer takes them (version and cluster status from the API).
 */
final class HaSim {

    static final String UID = "6f0c1a52-8d1e-4a7b-9c55-0e2f4b7d9a10";
    static final String OTHER_UID = "0b7f3e11-2c4d-4e6f-8a9b-1c2d3e4f5a6b";
    /** The marker of {@link #cluster}: operator id "underlay", namespace infra, name homelab. */
    static final String MARKER = "underlay.dev/owner=underlay/infra/homelab";

    static final String N1 = PveSimulatorBuilder.MS01_01;
    static final String N2 = PveSimulatorBuilder.MS01_02;
    static final String AI = PveSimulatorBuilder.AIMAX_01;

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    final PveSimulator sim;
    final ProxmoxApi api;
    final List<HaMember> members = new ArrayList<>();
    final PveHaLayoutSync sync = new PveHaLayoutSync(cluster -> List.copyOf(members), "underlay");

    private HaSim(dev.underlay.simulator.pve.PveVersion version, HaState.Mode mode, VmSeed... vms) {
        PveSimulatorBuilder builder =
                PveSimulator.builder().version(version).clock(clock).seed(11).haMode(mode);
        for (VmSeed vm : vms) {
            builder.vm(vm);
        }
        sim = builder.build();
        api = new PveRestApi(SimulatorTransport.of(sim), PveVersion.parse(version.version()));
    }

    static HaSim pve8(VmSeed... vms) {
        return new HaSim(dev.underlay.simulator.pve.PveVersion.PVE_8_4, HaState.Mode.GROUPS, vms);
    }

    /** PVE 9.1 with its groups migrated to rules. */
    static HaSim pve9(VmSeed... vms) {
        return new HaSim(dev.underlay.simulator.pve.PveVersion.PVE_9_1, HaState.Mode.RULES, vms);
    }

    /** PVE 9.1 whose groups are not migrated yet. */
    static HaSim pve9NotMigrated(VmSeed... vms) {
        return new HaSim(dev.underlay.simulator.pve.PveVersion.PVE_9_1, HaState.Mode.GROUPS, vms);
    }

    /** An HA-managed guest (requested state started) on the first node. */
    static VmSeed haGuest(int vmid) {
        return VmSeed.of(vmid, N1).name("guest-" + vmid).ha("started");
    }

    /** A ProxmoxCluster with this spec tail (haGroups, policies) below the connection fields. */
    static ProxmoxCluster cluster(String specTail) {
        String indented = specTail.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
        return YAML.unmarshal("""
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: homelab, namespace: infra, uid: %s}
                spec:
                  endpoints: ["https://10.8.16.10:8006"]
                  credentialsSecretRef: {name: pve-api-token}
                %s""".formatted(UnderlayApi.API_VERSION, UID, indented), ProxmoxCluster.class);
    }

    ClusterSnapshot snapshot() throws ProxmoxApiException {
        return new ClusterSnapshot(
                new ClusterKey("infra", "homelab"),
                clock.instant(),
                api.version(),
                api.clusterStatus(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty());
    }

    HaLayoutOutcome sync(ProxmoxCluster cluster) throws ProxmoxApiException {
        return sync.sync(cluster, api, snapshot());
    }

    /** One sync and the writes it made (every non-GET request the simulator saw meanwhile). */
    record Pass(HaLayoutOutcome outcome, List<JournalEntry> writes) {}

    Pass pass(ProxmoxCluster cluster) throws ProxmoxApiException {
        ClusterSnapshot snapshot = snapshot();
        sim.journal().clear();
        HaLayoutOutcome outcome = sync.sync(cluster, api, snapshot);
        return new Pass(outcome, sim.journal().matching(JournalEntry::mutating));
    }

    /** One pass of a second operator installation with another owner id over the same Proxmox cluster. */
    Pass passAs(String ownerId, ProxmoxCluster cluster) throws ProxmoxApiException {
        ClusterSnapshot snapshot = snapshot();
        sim.journal().clear();
        HaLayoutOutcome outcome = new PveHaLayoutSync(c -> List.copyOf(members), ownerId).sync(cluster, api, snapshot);
        return new Pass(outcome, sim.journal().matching(JournalEntry::mutating));
    }

    /** The same resource as a restore re-creates it: same namespace and name, a new uid. */
    static ProxmoxCluster restored(ProxmoxCluster cluster, String newUid) {
        ProxmoxCluster copy = YAML.clone(cluster);
        copy.getMetadata().setUid(newUid);
        return copy;
    }

    List<JournalEntry> writesOf(ProxmoxCluster cluster) throws ProxmoxApiException {
        return pass(cluster).writes();
    }

    void member(int vmid, String group) {
        members.add(new HaMember(vmid, true, group, "infra/talos-" + vmid));
    }

    Map<String, String> group(String name) {
        return sim.query(c -> c.model().ha.groups.get(name) == null
                ? null
                : Map.copyOf(c.model().ha.groups.get(name)));
    }

    Map<String, String> rule(String name) {
        return sim.query(c -> c.model().ha.rules.get(name) == null
                ? null
                : Map.copyOf(c.model().ha.rules.get(name)));
    }

    Map<String, String> resource(String sid) {
        return sim.query(c -> Map.copyOf(c.model().ha.resources.get(sid)));
    }

    List<String> groupNames() {
        return sim.query(c -> List.copyOf(c.model().ha.groups.keySet()));
    }

    List<String> ruleNames() {
        return sim.query(c -> List.copyOf(c.model().ha.rules.keySet()));
    }

    /** Something a person made in the web UI: a group or rule without the operator's marker. */
    void foreignGroup(String name, String nodes, String comment) throws ProxmoxApiException {
        api.createHaGroup(new HaGroup(name, NodePriority.parseList(nodes), false, false, comment, null));
    }

    void foreignRule(String name, String resources, String nodes, String comment) throws ProxmoxApiException {
        api.createHaRule(new HaRule(
                name,
                HaRule.Type.NODE_AFFINITY,
                List.of(resources.split(",")),
                NodePriority.parseList(nodes),
                false,
                null,
                null,
                comment,
                null,
                null));
    }
}
