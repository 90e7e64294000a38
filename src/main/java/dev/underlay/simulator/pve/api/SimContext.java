package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.auth.AccessControl;
import dev.underlay.simulator.pve.model.ClusterModel;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.Vm;
import dev.underlay.simulator.pve.schema.PveSchema;
import dev.underlay.simulator.pve.task.TaskEngine;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** The state and services every handler works with. Guarded by the simulator's lock. */
public final class SimContext {

    private final ClusterModel model;
    private final TaskEngine tasks;
    private final Clock clock;
    private final PveVersion version;
    private final PveSchema schema;
    private final AccessControl access;
    private final Random random;
    /** VMs whose config file lock is held by someone else: writes time out. */
    public final Set<Integer> heldFileLocks = new HashSet<>();
    /** How long the HA CRM takes to act on a request (hastart, hamigrate ...). */
    public Duration haReactionDelay = Duration.ofSeconds(1);
    /** How long after start the guest agent answers. */
    public Duration agentStartDelay = Duration.ZERO;

    public SimContext(
            ClusterModel model,
            TaskEngine tasks,
            Clock clock,
            PveVersion version,
            PveSchema schema,
            AccessControl access,
            Random random) {
        this.model = model;
        this.tasks = tasks;
        this.clock = clock;
        this.version = version;
        this.schema = schema;
        this.access = access;
        this.random = random;
    }

    public ClusterModel model() {
        return model;
    }

    public TaskEngine tasks() {
        return tasks;
    }

    public Clock clock() {
        return clock;
    }

    public long now() {
        return clock.instant().getEpochSecond();
    }

    public PveVersion version() {
        return version;
    }

    public PveSchema schema() {
        return schema;
    }

    public AccessControl access() {
        return access;
    }

    public Random random() {
        return random;
    }

    public Node node(String name) {
        return model.node(name).orElseThrow(() -> PveError.die("no such cluster node '" + name + "'"));
    }

    /** The node answering cluster-wide calls: the first online one. */
    public String localNode() {
        return model.nodes.values().stream()
                .filter(n -> n.online)
                .map(n -> n.name)
                .findFirst()
                .orElse(model.nodes.keySet().iterator().next());
    }

    /** The VM as PVE finds it: by its config file on that node. */
    public Vm vm(String node, int vmid) {
        Vm vm = model.vms.get(vmid);
        if (vm == null || !vm.node.equals(node)) {
            throw PveError.die("Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist");
        }
        return vm;
    }

    public void checkVmidUnused(int vmid) {
        Vm existing = model.vms.get(vmid);
        if (existing != null) {
            throw PveError.die("VM " + vmid + " already exists on node '" + existing.node + "'");
        }
    }

    /** The synchronous lock checks of PVE's config writers. */
    public void checkLock(Vm vm, boolean skiplock) {
        if (heldFileLocks.contains(vm.vmid)) {
            throw PveError.die("can't lock file '/var/lock/qemu-server/lock-" + vm.vmid + ".conf' - got timeout");
        }
        if (vm.lock != null && !skiplock) {
            throw PveError.die("VM is locked (" + vm.lock + ")");
        }
    }
}
