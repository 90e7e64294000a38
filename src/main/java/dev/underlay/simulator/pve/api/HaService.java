package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.model.HaState;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.Vm;
import dev.underlay.simulator.pve.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HA stack's behaviour: requests ({@code hastart}, {@code hastop}, {@code hamigrate}) finish at
 * once and the CRM acts {@link SimContext#haReactionDelay} later, as on a real cluster.
 */
final class HaService {

    private final SimContext ctx;
    private final VmService vms;

    HaService(SimContext ctx, VmService vms) {
        this.ctx = ctx;
        this.vms = vms;
    }

    HaState ha() {
        return ctx.model().ha;
    }

    Map<String, String> addResource(int vmid, String state) {
        Map<String, String> res = new LinkedHashMap<>();
        res.put("state", state);
        ha().resources.put(HaState.sid(vmid), res);
        reconcileSoon(vmid);
        return res;
    }

    Task request(Call c, Vm vm, String taskType, String state) {
        ha().resources.get(HaState.sid(vm.vmid)).put("state", state);
        Task task = ctx.tasks()
                .startInstant(
                        vm.node,
                        taskType,
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            t.log.add("Requesting HA " + (state.equals("started") ? "start" : "stop") + " for VM "
                                    + vm.vmid);
                            return "OK";
                        });
        reconcileSoon(vm.vmid);
        return task;
    }

    Task requestMigration(Call c, Vm vm, String target) {
        Task task = ctx.tasks()
                .startInstant(
                        vm.node,
                        "hamigrate",
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            t.log.add("Requesting HA migration for VM " + vm.vmid + " to node " + target);
                            return "OK";
                        });
        migrateSoon(vm.vmid, target);
        return task;
    }

    void migrateSoon(int vmid, String target) {
        ctx.tasks().defer(ctx.haReactionDelay, () -> {
            Vm vm = ctx.model().vms.get(vmid);
            Optional<Node> node = ctx.model().node(target);
            if (vm != null && node.isPresent() && node.get().online && !vm.node.equals(target)) {
                ctx.tasks().startInstant(vm.node, "qmigrate", Integer.toString(vmid), "root@pam", t -> {
                    vms.moveTo(vm, target);
                    return "OK";
                });
            }
        });
    }

    /** After the CRM delay, bring the guest to the requested state (if HA still manages it). */
    void reconcileSoon(int vmid) {
        ctx.tasks().defer(ctx.haReactionDelay, () -> {
            Vm vm = ctx.model().vms.get(vmid);
            Map<String, String> res = ha().resources.get(HaState.sid(vmid));
            if (vm == null
                    || res == null
                    || !ctx.model().node(vm.node).map(n -> n.online).orElse(false)) {
                return;
            }
            String state = res.getOrDefault("state", "started");
            boolean shouldRun = state.equals("started");
            boolean shouldStop = state.equals("stopped") || state.equals("disabled");
            if (shouldRun && !vm.running && vm.lock == null) {
                ctx.tasks().startInstant(vm.node, "qmstart", Integer.toString(vmid), "root@pam", t -> {
                    vms.start(vm);
                    return "OK";
                });
            } else if (shouldStop && vm.running) {
                ctx.tasks().startInstant(vm.node, "qmstop", Integer.toString(vmid), "root@pam", t -> {
                    vms.stop(vm);
                    return "OK";
                });
            }
        });
    }

    void purge(int vmid) {
        String sid = HaState.sid(vmid);
        ha().resources.remove(sid);
        for (Map<String, String> rule : new ArrayList<>(ha().rules.values())) {
            List<String> resources = new ArrayList<>(Call.csv(rule.getOrDefault("resources", "")));
            resources.remove(sid);
            rule.put("resources", String.join(",", resources));
        }
        ha().rules.values().removeIf(r -> r.getOrDefault("resources", "").isEmpty());
    }

    /**
     * A node failed: once the CRM has fenced it ({@link SimContext#haReactionDelay} here), its HA
     * guests are recovered on the first other online node and started if they were requested so.
     */
    void recoverSoon(String failedNode) {
        ctx.tasks().defer(ctx.haReactionDelay, () -> {
            Node failed = ctx.node(failedNode);
            Optional<Node> target = ctx.model().nodes.values().stream()
                    .filter(n -> n.online && !n.maintenance && !n.name.equals(failedNode))
                    .findFirst();
            if (failed.online || target.isEmpty() || !ctx.model().quorate()) {
                return;
            }
            for (Vm vm : ctx.model().vmsOn(failedNode)) {
                if (ha().manages(vm.vmid)) {
                    vm.running = false;
                    vms.moveTo(vm, target.get().name);
                    reconcileSoon(vm.vmid);
                }
            }
        });
    }

    /** Maintenance mode: the CRM moves HA guests away from the node, to the first other online node. */
    void setMaintenance(String nodeName, boolean on) {
        Node node = ctx.node(nodeName);
        node.maintenance = on;
        if (!on) {
            return;
        }
        Optional<Node> target = ctx.model().nodes.values().stream()
                .filter(n -> n.online && !n.maintenance && !n.name.equals(nodeName))
                .findFirst();
        if (target.isEmpty()) {
            return;
        }
        for (Vm vm : ctx.model().vmsOn(nodeName)) {
            if (ha().manages(vm.vmid)) {
                migrateSoon(vm.vmid, target.get().name);
            }
        }
    }
}
