package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.ClusterModel;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.simulator.pve.model.Vm;
import dev.underlay.simulator.pve.model.VmConfig;
import dev.underlay.simulator.pve.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Guest operations shared by several endpoints: writing config the way qemu-server normalises
 * it (MACs, allocated disks, tags), pending changes, starting/stopping, moving and destroying.
 */
final class VmService {

    /** Options qemu-server applies to a running guest at once; anything else becomes pending. */
    private static final Set<String> APPLIED_WHILE_RUNNING = Set.of(
            "name",
            "description",
            "tags",
            "onboot",
            "protection",
            "startup",
            "hookscript",
            "lock",
            "template",
            "agent",
            "boot",
            "ciuser",
            "cipassword",
            "ipconfig0",
            "ipconfig1",
            "ipconfig2",
            "ipconfig3",
            "nameserver",
            "searchdomain",
            "sshkeys");

    private final SimContext ctx;

    VmService(SimContext ctx) {
        this.ctx = ctx;
    }

    ClusterModel model() {
        return ctx.model();
    }

    /** Creates a fresh guest config as {@code qm create} does (vmgenid, smbios uuid, meta, boot order). */
    void initialiseNewConfig(Vm vm, Map<String, String> given) {
        VmConfig conf = vm.config;
        conf.put("meta", "creation-qemu=" + ctx.version().qemuVersion() + ",ctime=" + ctx.now());
        conf.put("vmgenid", randomUuid());
        conf.put("smbios1", "uuid=" + randomUuid());
        applyNow(vm, given);
        if (!conf.has("boot")) {
            String order = defaultBootOrder(conf);
            if (!order.isEmpty()) {
                conf.put("boot", "order=" + order);
            }
        }
    }

    /** qemu-server's default for new guests: the first disk, then CD-ROM drives, then the first NIC. */
    private static String defaultBootOrder(VmConfig conf) {
        List<String> disks = new ArrayList<>();
        List<String> cdroms = new ArrayList<>();
        List<String> nets = new ArrayList<>();
        for (String prefix : new String[] {"scsi", "virtio", "sata", "ide"}) {
            for (int i = 0; i <= 30; i++) {
                String value = conf.get(prefix + i);
                if (value != null) {
                    (Disks.isCdrom(Disks.parse(value)) ? cdroms : disks).add(prefix + i);
                }
            }
        }
        for (int i = 0; i <= 31; i++) {
            if (conf.has("net" + i)) {
                nets.add("net" + i);
            }
        }
        List<String> order = new ArrayList<>();
        if (!disks.isEmpty()) {
            order.add(disks.get(0));
        }
        order.addAll(cdroms);
        if (!nets.isEmpty()) {
            order.add(nets.get(0));
        }
        return String.join(";", order);
    }

    /**
     * Applies config changes: directly when stopped (or for options that apply live), into the
     * pending section otherwise. {@code delete} lists keys to remove.
     */
    void update(Vm vm, Map<String, String> changes, List<String> delete, List<String> revert) {
        for (String key : revert) {
            vm.pending.remove(key);
            vm.pendingDelete.remove(key);
        }
        Map<String, String> live = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : changes.entrySet()) {
            boolean hotplugDisk = Disks.isDiskKey(e.getKey()) && !vm.config.has(e.getKey());
            boolean hotplugNet = Disks.NET_KEY.matcher(e.getKey()).matches();
            if (!vm.running || APPLIED_WHILE_RUNNING.contains(e.getKey()) || hotplugDisk || hotplugNet) {
                live.put(e.getKey(), e.getValue());
            } else {
                vm.pending.put(e.getKey(), normaliseValue(vm, e.getKey(), e.getValue()));
            }
        }
        applyNow(vm, live);
        for (String key : delete) {
            if (vm.running && !APPLIED_WHILE_RUNNING.contains(key) && !Disks.isDiskKey(key)) {
                vm.pendingDelete.add(key);
            } else {
                deleteKey(vm, key);
            }
        }
    }

    void applyPending(Vm vm) {
        applyNow(vm, vm.pending);
        vm.pending.clear();
        for (String key : vm.pendingDelete) {
            deleteKey(vm, key);
        }
        vm.pendingDelete.clear();
    }

    private void applyNow(Vm vm, Map<String, String> changes) {
        for (Map.Entry<String, String> e : new LinkedHashMap<>(changes).entrySet()) {
            String key = e.getKey();
            String value = normaliseValue(vm, key, e.getValue());
            if (Disks.isDiskKey(key)
                    && vm.config.has(key)
                    && !vm.config.get(key).equals(value)) {
                detachToUnused(vm, key);
            }
            vm.config.put(key, value);
        }
    }

    private String normaliseValue(Vm vm, String key, String value) {
        if (Disks.NET_KEY.matcher(key).matches()) {
            return normaliseNet(value);
        }
        if (Disks.isDiskKey(key) && !key.startsWith("unused")) {
            return allocateDrive(vm, key, value);
        }
        if (key.equals("tags")) {
            Set<String> tags = new LinkedHashSet<>();
            for (String t : value.split("[;,\\s]+")) {
                if (!t.isEmpty()) {
                    tags.add(t);
                }
            }
            return String.join(";", tags);
        }
        return value;
    }

    /** {@code virtio,bridge=vmbr0} becomes {@code virtio=BC:24:11:xx:xx:xx,bridge=vmbr0}. */
    String normaliseNet(String value) {
        String model = null;
        String mac = null;
        Map<String, String> rest = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? null : part.substring(eq + 1);
            if (eq < 0) {
                model = k;
            } else if (k.equals("model")) {
                model = v;
            } else if (k.equals("macaddr")) {
                mac = v;
            } else if (!k.equals("bridge") && v.matches("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")) {
                model = k;
                mac = v;
            } else {
                rest.put(k, v);
            }
        }
        if (mac == null) {
            mac = newMac();
        }
        StringBuilder sb =
                new StringBuilder(model == null ? "virtio" : model).append('=').append(mac.toUpperCase(Locale.ROOT));
        if (rest.containsKey("bridge")) {
            sb.append(",bridge=").append(rest.remove("bridge"));
        }
        rest.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
        return sb.toString();
    }

    String newMac() {
        int a = ctx.random().nextInt(256);
        int b = ctx.random().nextInt(256);
        int c = ctx.random().nextInt(256);
        return String.format(Locale.ROOT, "BC:24:11:%02X:%02X:%02X", a, b, c);
    }

    String randomUuid() {
        return new UUID(ctx.random().nextLong(), ctx.random().nextLong()).toString();
    }

    /** {@code storage:32} allocates {@code storage:vm-<id>-disk-<n>,size=32G}; cloudinit and ISOs pass through. */
    private String allocateDrive(Vm vm, String key, String value) {
        Map<String, String> drive = Disks.parse(value);
        String file = drive.getOrDefault("file", "none");
        int colon = file.indexOf(':');
        if (file.equals("none") || colon < 0) {
            return Disks.print(drive);
        }
        String storageId = file.substring(0, colon);
        String volname = file.substring(colon + 1);
        StorageDef storage = model().storages.get(storageId);
        if (storage == null) {
            throw PveError.die("storage '" + storageId + "' does not exist");
        }
        if (volname.equals("cloudinit")) {
            String volid = storageId + ":vm-" + vm.vmid + "-cloudinit";
            addVolume(storage, vm, volid, 4L << 20, "raw");
            drive.put("file", volid);
            drive.put("media", "cdrom");
            return Disks.print(drive);
        }
        if (volname.matches("\\d+(\\.\\d+)?")) {
            if (!storage.allows("images")) {
                throw PveError.die("storage '" + storageId + "' does not support vm images");
            }
            long bytes = (long) (Double.parseDouble(volname) * (1L << 30));
            if (drive.containsKey("import-from")) {
                drive.remove("import-from");
                bytes = Math.max(bytes, 2L << 30);
            }
            String volid = model().nextDiskName(storageId, vm.node, vm.vmid);
            String format = storage.type.equals("dir") || storage.type.equals("nfs") ? "qcow2" : "raw";
            if (!storage.type.equals("rbd") && !storage.type.equals("zfspool")) {
                volid = volid + "." + format;
            }
            addVolume(storage, vm, volid, bytes, format);
            drive.put("file", volid);
            drive.put("size", Disks.formatSize(bytes));
            return Disks.print(drive);
        }
        if (!Disks.isCdrom(drive) && !drive.containsKey("size")) {
            model().volume(vm.node, file).ifPresent(v -> drive.put("size", Disks.formatSize(v.size)));
        }
        return Disks.print(drive);
    }

    private void addVolume(StorageDef storage, Vm vm, String volid, long bytes, String format) {
        model().addVolume(new Volume(
                volid, storage.id, storage.shared() ? null : vm.node, "images", vm.vmid, bytes, ctx.now(), format));
    }

    private void deleteKey(Vm vm, String key) {
        if (Disks.isDiskKey(key) && !key.startsWith("unused")) {
            detachToUnused(vm, key);
            vm.config.remove(key);
        } else if (key.startsWith("unused")) {
            String value = vm.config.remove(key);
            if (value != null) {
                model().volume(vm.node, Disks.parse(value).get("file")).ifPresent(model()::removeVolume);
            }
        } else {
            vm.config.remove(key);
        }
    }

    /** A replaced or removed disk is not destroyed: qemu-server keeps it as {@code unusedN}. */
    private void detachToUnused(Vm vm, String key) {
        Map<String, String> drive = Disks.parse(vm.config.get(key));
        String file = drive.get("file");
        if (file == null || Disks.isCdrom(drive) || !file.contains(":") || file.contains("cloudinit")) {
            return;
        }
        for (int i = 0; ; i++) {
            if (!vm.config.has("unused" + i)) {
                vm.config.put("unused" + i, file);
                return;
            }
        }
    }

    /** Volumes the config references (disks and unused), cdroms excluded. */
    List<Volume> referencedVolumes(Vm vm) {
        List<Volume> out = new ArrayList<>();
        for (Map.Entry<String, String> e : vm.config.asMap().entrySet()) {
            if (Disks.isDiskKey(e.getKey())) {
                Map<String, String> drive = Disks.parse(e.getValue());
                if (!Disks.isCdrom(drive) || drive.getOrDefault("file", "").contains("cloudinit")) {
                    model().volume(vm.node, drive.getOrDefault("file", "")).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** Volumes named {@code vm-<vmid>-...} on the VM's node that the config does not reference. */
    List<Volume> unreferencedVolumes(Vm vm) {
        List<Volume> referenced = referencedVolumes(vm);
        List<Volume> out = new ArrayList<>();
        for (Volume v : model().volumes.values()) {
            if ("images".equals(v.content)
                    && v.vmid != null
                    && v.vmid == vm.vmid
                    && !referenced.contains(v)
                    && (v.node == null || v.node.equals(vm.node))) {
                out.add(v);
            }
        }
        return out;
    }

    /** Volumes on storages other nodes cannot see. */
    List<Volume> localVolumes(Vm vm) {
        List<Volume> out = new ArrayList<>();
        for (Volume v : referencedVolumes(vm)) {
            if (!model().storages.get(v.storage).shared()) {
                out.add(v);
            }
        }
        return out;
    }

    void start(Vm vm) {
        applyPending(vm);
        vm.running = true;
        vm.startedAt = ctx.clock().instant();
        vm.pid = 100000 + ctx.random().nextInt(900000);
        vm.agentReadyAt = vm.startedAt.plus(ctx.agentStartDelay);
    }

    void stop(Vm vm) {
        vm.running = false;
        vm.paused = false;
        vm.startedAt = null;
        vm.pid = 0;
        vm.agentReadyAt = null;
        applyPending(vm);
    }

    /** Moves the guest and its local volumes to {@code target}. */
    void moveTo(Vm vm, String target) {
        for (Volume v : localVolumes(vm)) {
            model().removeVolume(v);
            Volume moved = new Volume(v.volid, v.storage, target, v.content, v.vmid, v.size, v.ctime, v.format);
            model().addVolume(moved);
        }
        vm.node = target;
    }

    void destroyVolumes(Vm vm, boolean unreferencedToo) {
        List<Volume> doomed = new ArrayList<>(referencedVolumes(vm));
        if (unreferencedToo) {
            doomed.addAll(unreferencedVolumes(vm));
        }
        doomed.forEach(model()::removeVolume);
    }

    /** The config as {@code GET .../config} prints it: integers and booleans as numbers, the rest as strings. */
    ObjectNode configJson(Vm vm, boolean current) {
        Map<String, String> view = new LinkedHashMap<>(vm.config.asMap());
        if (!current) {
            view.putAll(vm.pending);
            vm.pendingDelete.forEach(view::remove);
        }
        ObjectNode out = Json.obj();
        JsonNode props = ctx.schema()
                .endpoint("/nodes/{node}/qemu/{vmid}/config", "PUT")
                .map(e -> e.parameters())
                .orElse(Json.obj());
        view.forEach((k, v) -> putTyped(out, props, k, v));
        out.put("digest", digest(vm));
        return out;
    }

    static void putTyped(ObjectNode out, JsonNode props, String key, String value) {
        JsonNode prop = props.get(key);
        if (prop == null && key.matches("[a-z]+\\d+")) {
            prop = props.get(key.replaceAll("\\d+$", "[n]"));
        }
        String type = prop == null ? "string" : prop.path("type").asText("string");
        if (("integer".equals(type) || "boolean".equals(type)) && value.matches("-?\\d+")) {
            out.put(key, Long.parseLong(value));
        } else {
            out.put(key, value);
        }
    }

    /** Digest over the config file including its pending section, as PVE computes it. */
    String digest(Vm vm) {
        VmConfig whole = new VmConfig();
        whole.replaceAll(vm.config.asMap());
        StringBuilder extra = new StringBuilder();
        vm.pending.forEach((k, v) -> extra.append(k).append('=').append(v).append('\n'));
        vm.pendingDelete.forEach(k -> extra.append("delete=").append(k).append('\n'));
        if (vm.lock != null) {
            whole.put("lock", vm.lock);
        }
        if (extra.length() > 0) {
            whole.put("~pending", extra.toString().replace('\n', ' '));
        }
        return whole.digest();
    }
}
