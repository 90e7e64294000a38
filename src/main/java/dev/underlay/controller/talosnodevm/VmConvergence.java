package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.talosnodevm.DiskSpec;
import dev.underlay.api.v1alpha1.talosnodevm.DriftEntry;
import dev.underlay.api.v1alpha1.talosnodevm.NetworkSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.proxmox.model.DiskDevice;
import dev.underlay.proxmox.model.DiskSize;
import dev.underlay.proxmox.model.MemoryConfig;
import dev.underlay.proxmox.model.NetDevice;
import dev.underlay.proxmox.model.VmConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Desired (the spec) against observed (the VM config, pending changes applied: what PVE will run after the next start)
 * for the fields a TalosNodeVM manages once its VM exists. Pure. Which change PVE applies to the running VM at once
 * is PVE's own decision, made from the VM's {@code hotplug} option (network and disk with the Talos defaults; cores and
 * sockets never, only {@code vcpus} hotplug; memory only with memory hotplug, which Talos VMs do not have): whatever it
 * could not apply stays in the VM's pending section, and the planner restarts the VM for it behind the gate.
 *
 * @param set    config keys to write, in one digest-guarded update
 * @param grows  disk slots to grow, with their new size in GiB
 * @param shrinks disk slots the spec makes smaller than they are (never done: a shrink destroys data)
 * @param drift  per field: what the spec asks, what Proxmox has
 */
record VmConvergence(
        Map<String, String> set, Map<String, Integer> grows, List<String> shrinks, List<DriftEntry> drift) {

    /** PVE's defaults for keys a config may leave out. */
    private static final int DEFAULT_CORES = 1;

    private static final int DEFAULT_SOCKETS = 1;

    static VmConvergence of(TalosNodeVMSpec spec, VmConfig config) {
        Map<String, String> set = new LinkedHashMap<>();
        Map<String, Integer> grows = new LinkedHashMap<>();
        List<String> shrinks = new ArrayList<>();
        List<DriftEntry> drift = new ArrayList<>();

        compare(
                "cpu.cores",
                "cores",
                Integer.toString(spec.cpu().cores()),
                Integer.toString(config.cores().orElse(DEFAULT_CORES)),
                set,
                drift);
        compare(
                "cpu.sockets",
                "sockets",
                Integer.toString(spec.cpu().sockets()),
                Integer.toString(config.sockets().orElse(DEFAULT_SOCKETS)),
                set,
                drift);
        compare("cpu.type", "cpu", spec.cpu().type(), config.cpu().orElse(""), set, drift);
        compare(
                "memoryMiB",
                "memory",
                Integer.toString(spec.memoryMiB()),
                config.memory()
                        .map(MemoryConfig::currentMiB)
                        .map(String::valueOf)
                        .orElse(""),
                set,
                drift);
        compare(
                "startOnBoot",
                "onboot",
                Boolean.TRUE.equals(spec.startOnBoot()) ? "1" : "0",
                config.onboot() ? "1" : "0",
                set,
                drift);
        // tags are a set; the marker tag is ours and always wanted
        TreeSet<String> wantedTags = new TreeSet<>(GuestMarker.tags(spec.tags()));
        TreeSet<String> haveTags = new TreeSet<>(config.tags());
        if (!wantedTags.equals(haveTags)) {
            drift.add(new DriftEntry("tags", String.join(";", wantedTags), String.join(";", haveTags)));
            set.put("tags", String.join(";", GuestMarker.tags(spec.tags())));
        }
        for (NetworkSpec nic : spec.networks()) {
            Optional<NetDevice> have = Optional.ofNullable(config.nets().get(nic.slot()));
            NetDevice want = desiredNic(nic, have);
            String haveText = have.map(NetDevice::toString).orElse("");
            if (!want.toString().equals(haveText)) {
                drift.add(new DriftEntry(nic.slot(), want.toString(), haveText));
                set.put(nic.slot(), want.toString());
            }
        }
        for (DiskSpec disk : spec.disks()) {
            DiskDevice have = config.disks().get(disk.slot());
            if (have == null) {
                // a disk added to the spec: allocated by the update, hot-plugged when the VM runs
                drift.add(new DriftEntry(disk.slot(), disk.storage() + ":" + disk.sizeGiB() + "G", ""));
                set.put(disk.slot(), TalosVmConfig.disk(disk));
                continue;
            }
            Optional<DiskSize> size = have.size();
            if (size.isEmpty()) {
                continue;
            }
            DiskSize wanted = DiskSize.ofGiB(disk.sizeGiB());
            int order = wanted.compareTo(size.get());
            if (order != 0) {
                drift.add(new DriftEntry(
                        disk.slot() + ".sizeGiB", wanted.toString(), size.get().toString()));
            }
            if (order > 0) {
                grows.put(disk.slot(), disk.sizeGiB());
            } else if (order < 0) {
                shrinks.add(disk.slot() + " is " + size.get() + ", the spec asks for " + wanted);
            }
        }
        return new VmConvergence(Map.copyOf(set), Map.copyOf(grows), List.copyOf(shrinks), List.copyOf(drift));
    }

    /**
     * The NIC the spec asks for, keeping what it does not say: the MAC PVE generated (Talos' network config and the
     * DHCP leases are keyed by it) and options the spec has no field for (rate, queues, link_down).
     */
    static NetDevice desiredNic(NetworkSpec nic, Optional<NetDevice> have) {
        NetDevice base = have.orElse(NetDevice.virtio(nic.bridge()));
        String mac = nic.macAddress() != null
                ? nic.macAddress().toUpperCase(Locale.ROOT)
                : have.map(NetDevice::macAddress).orElse(null);
        NetDevice want = new NetDevice(nic.model().name(), mac, base.options())
                .withOption("bridge", nic.bridge())
                .withOption("tag", nic.vlan() == null ? null : Integer.toString(nic.vlan()))
                .withOption("firewall", Boolean.TRUE.equals(nic.firewall()) ? "1" : null)
                .withOption("mtu", nic.mtu() == null ? null : Integer.toString(nic.mtu()));
        if (have.isPresent() && !have.get().firewall() && want.options().get("firewall") == null) {
            // firewall=0 and no firewall key mean the same; keep PVE's spelling
            want = want.withOption("firewall", have.get().options().get("firewall"));
        }
        return want;
    }

    private static void compare(
            String field, String key, String wanted, String have, Map<String, String> set, List<DriftEntry> drift) {
        if (!wanted.equals(have)) {
            drift.add(new DriftEntry(field, wanted, have));
            set.put(key, wanted);
        }
    }

    boolean converged() {
        return set.isEmpty() && grows.isEmpty() && shrinks.isEmpty();
    }
}
