package dev.underlay.simulator.pve;

import dev.underlay.simulator.pve.model.BackupJob;
import dev.underlay.simulator.pve.model.CephState;
import dev.underlay.simulator.pve.model.ClusterModel;
import dev.underlay.simulator.pve.model.HaState;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.simulator.pve.model.Volume;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a simulator seeded with the reference homelab (see {@code shared/seed/proxmox-cluster.md}):
 * cluster {@code homelab-pve} (the seed calls it homelab-pve-cluster, but Proxmox caps cluster names at 15
 * characters, so a real cluster cannot carry that name); nodes {@code pve-ms01-01}, {@code pve-ms01-02} (20 threads,
 * 96 GiB) and {@code pve-aimax-01} (32 threads, 128 GiB); storages {@code local} (dir, ISO),
 * {@code local-zfs}, {@code vm-disks} (Ceph RBD), {@code nfs-backups} and the backup plan's {@code backups} (a
 * directory), {@code nfs-external} (NFS) and {@code offsite} (Proxmox Backup Server, encrypted); Ceph with 3 monitors,
 * 6 OSDs, pools {@code .mgr} and {@code vm-disks}, HEALTH_OK; token {@code underlay@pve!operator}
 * and user {@code root@pam}. Guests, pools, jobs and ISOs can be added before {@link #build()}.
 */
public final class PveSimulatorBuilder {

    public static final String CLUSTER = "homelab-pve";
    public static final String MS01_01 = "pve-ms01-01";
    public static final String MS01_02 = "pve-ms01-02";
    public static final String AIMAX_01 = "pve-aimax-01";
    public static final String TOKEN_ID = "underlay@pve!operator";

    private PveVersion version = PveVersion.PVE_9_1;
    private Clock clock = Clock.systemUTC();
    private long seed = 42;
    private String tokenSecret;
    private String rootPassword;
    private HaState.Mode haMode;
    private final List<VmSeed> vms = new ArrayList<>();
    private final List<String[]> pools = new ArrayList<>();
    private final Map<String, Map<String, String>> jobs = new LinkedHashMap<>();
    private final List<Object[]> isos = new ArrayList<>();

    public PveSimulatorBuilder version(PveVersion v) {
        this.version = v;
        return this;
    }

    public PveSimulatorBuilder clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** Seed for everything random but secrets (MACs, UUIDs, task latencies). */
    public PveSimulatorBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    public PveSimulatorBuilder tokenSecret(String secret) {
        this.tokenSecret = secret;
        return this;
    }

    public PveSimulatorBuilder rootPassword(String password) {
        this.rootPassword = password;
        return this;
    }

    /** PVE 9 defaults to RULES (groups migrated); PVE 8 is always GROUPS. */
    public PveSimulatorBuilder haMode(HaState.Mode mode) {
        this.haMode = mode;
        return this;
    }

    public PveSimulatorBuilder vm(VmSeed vm) {
        vms.add(vm);
        return this;
    }

    public PveSimulatorBuilder cephPool(String name, int size, int minSize, int pgNum) {
        pools.add(new String[] {name, Integer.toString(size), Integer.toString(minSize), Integer.toString(pgNum)});
        return this;
    }

    /** A backup job as {@code POST /cluster/backup} options (vmid, storage, schedule, prune-backups ...). */
    public PveSimulatorBuilder backupJob(String id, Map<String, String> options) {
        jobs.put(id, new LinkedHashMap<>(options));
        return this;
    }

    public PveSimulatorBuilder iso(String fileName, long size) {
        isos.add(new Object[] {fileName, size});
        return this;
    }

    public PveSimulator build() {
        SecureRandom secure = new SecureRandom();
        String secret = tokenSecret != null ? tokenSecret : UUID.randomUUID().toString();
        String password = rootPassword != null
                ? rootPassword
                : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(secure, 15));
        HaState.Mode mode = haMode != null ? haMode : version.atLeast9() ? HaState.Mode.RULES : HaState.Mode.GROUPS;
        if (!version.atLeast9()) {
            mode = HaState.Mode.GROUPS;
        }
        ClusterModel model = homelabModel(mode);
        PveSimulator sim = new PveSimulator(
                version, clock, seed, model, new PveSimulator.SeedCredentials(TOKEN_ID, secret, "root@pam", password));
        seedGuests(sim);
        sim.mutate(ctx -> {
            for (Object[] iso : isos) {
                ctx.model()
                        .addVolume(new Volume(
                                "local:iso/" + iso[0], "local", MS01_01, "iso", null, (Long) iso[1], ctx.now(), "iso"));
            }
            jobs.forEach((id, options) -> {
                BackupJob job = new BackupJob(id);
                job.options.putAll(options);
                ctx.model().backupJobs.put(id, job);
            });
        });
        return sim;
    }

    private ClusterModel homelabModel(HaState.Mode mode) {
        Instant booted = clock.instant().minus(Duration.ofDays(3));
        CephState ceph = new CephState(new UUID(seed, ~seed).toString());
        ClusterModel model = new ClusterModel(CLUSTER, new HaState(mode), ceph);
        long gib = 1L << 30;
        model.nodes.put(
                MS01_01,
                new Node(
                        MS01_01,
                        1,
                        "10.20.20.10",
                        20,
                        96 * gib,
                        500 * gib,
                        "13th Gen Intel(R) Core(TM) i9-13900H",
                        booted));
        model.nodes.put(
                MS01_02,
                new Node(
                        MS01_02,
                        2,
                        "10.20.20.11",
                        20,
                        96 * gib,
                        500 * gib,
                        "13th Gen Intel(R) Core(TM) i9-13900H",
                        booted));
        model.nodes.put(
                AIMAX_01,
                new Node(
                        AIMAX_01,
                        3,
                        "10.20.20.12",
                        32,
                        128 * gib,
                        500 * gib,
                        "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S",
                        booted));
        String[] monIps = {"10.8.16.10", "10.8.16.11", "10.8.16.12"};
        int i = 0;
        for (String n : model.nodes.keySet()) {
            ceph.monitors.put(n, monIps[i++]);
        }
        long tib = 1L << 40;
        String[] hosts = {MS01_01, MS01_01, MS01_02, MS01_02, AIMAX_01, AIMAX_01};
        for (int osd = 0; osd < 6; osd++) {
            CephState.Osd o = new CephState.Osd(osd, hosts[osd], osd % 2 == 0 ? 2 * tib : 4 * tib, "nvme");
            o.usedBytes = 2 * gib;
            ceph.osds.put(osd, o);
        }
        addPool(ceph, ".mgr", 3, 2, 1, "mgr");
        addPool(ceph, "vm-disks", 3, 2, 128, "rbd");
        for (String[] p : pools) {
            addPool(ceph, p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]), "rbd");
        }
        StorageDef local = new StorageDef("local", "dir", 100 * gib);
        local.options.put("path", "/var/lib/vz");
        local.options.put("content", "iso,vztmpl,backup");
        StorageDef zfs = new StorageDef("local-zfs", "zfspool", 400 * gib);
        zfs.options.put("pool", "rpool/data");
        zfs.options.put("sparse", "1");
        zfs.options.put("content", "images,rootdir");
        StorageDef rbd = new StorageDef("vm-disks", "rbd", 4 * tib);
        rbd.options.put("pool", "vm-disks");
        rbd.options.put("content", "images,rootdir");
        rbd.options.put("krbd", "0");
        StorageDef nfs = new StorageDef("nfs-backups", "nfs", 8 * tib);
        nfs.options.put("server", "10.8.16.5");
        nfs.options.put("export", "/srv/pve-backups");
        nfs.options.put("path", "/mnt/pve/nfs-backups");
        nfs.options.put("content", "backup");
        nfs.options.put("prune-backups", "keep-daily=7,keep-weekly=4");
        // the storages the seed's backup plan names: vzdump cannot write to RBD, so "backups" is a directory on a
        // CephFS mount of the backups pool; off-site is a Proxmox Backup Server with client-side encryption
        StorageDef backups = new StorageDef("backups", "dir", 2 * tib);
        backups.options.put("path", "/mnt/pve/cephfs-backups");
        backups.options.put("shared", "1");
        backups.options.put("content", "backup");
        StorageDef external = new StorageDef("nfs-external", "nfs", 16 * tib);
        external.options.put("server", "10.8.16.50");
        external.options.put("export", "/export/pve");
        external.options.put("path", "/mnt/pve/nfs-external");
        external.options.put("content", "backup");
        StorageDef offsite = new StorageDef("offsite", "pbs", 20 * tib);
        offsite.options.put("server", "pbs.offsite.example");
        offsite.options.put("datastore", "homelab");
        offsite.options.put("username", "homelab@pbs");
        offsite.options.put("content", "backup");
        offsite.options.put(
                "fingerprint",
                "a1:b2:c3:d4:e5:f6:07:18:29:3a:4b:5c:6d:7e:8f:90:a1:b2:c3:d4:e5:f6:07:18:29:3a:4b:5c:6d:7e:8f:90");
        // PVE keeps the key itself in /etc/pve/priv and its fingerprint here
        offsite.options.put(
                "encryption-key",
                "5e:1f:0a:93:44:bd:2c:7e:10:c8:aa:35:f2:69:0d:b4:e3:57:81:9c:26:fa:4d:0b:c1:68:e9:72:3f:a5:d0:14");
        for (StorageDef s : List.of(local, zfs, rbd, nfs, backups, external, offsite)) {
            model.storages.put(s.id, s);
        }
        return model;
    }

    private static void addPool(CephState ceph, String name, int size, int minSize, int pgNum, String app) {
        CephState.Pool p = new CephState.Pool(ceph.nextPoolId++, name);
        p.size = size;
        p.minSize = minSize;
        p.pgNum = pgNum;
        p.application = app;
        ceph.pools.put(name, p);
    }

    /** Guests go in through the API itself so that they are normalised exactly like created ones. */
    private void seedGuests(PveSimulator sim) {
        if (vms.isEmpty()) {
            return;
        }
        sim.mutate(ctx -> ctx.tasks().setDefaultLatency(Duration.ZERO, Duration.ZERO));
        for (VmSeed vm : vms) {
            List<String> kv = new ArrayList<>(List.of("vmid", Integer.toString(vm.vmid)));
            vm.config.forEach((k, v) -> {
                kv.add(k);
                kv.add(v);
            });
            if (vm.running && vm.haState == null) {
                kv.add("start");
                kv.add("1");
            }
            SimResponse r = sim.handle(SimRequest.of(
                    "POST", "/nodes/" + vm.node + "/qemu", sim.operatorToken(), kv.toArray(new String[0])));
            if (r.status() != 200) {
                throw new IllegalArgumentException("seed VM " + vm.vmid + " rejected: " + r.status() + " "
                        + r.reasonPhrase() + " " + r.bodyText());
            }
            sim.mutate(ctx -> {
                ctx.tasks().advance();
                if (vm.haState != null) {
                    Map<String, String> res = new LinkedHashMap<>();
                    res.put("state", vm.haState);
                    ctx.model().ha.resources.put(HaState.sid(vm.vmid), res);
                    if (vm.running) {
                        dev.underlay.simulator.pve.model.Vm model =
                                ctx.model().vms.get(vm.vmid);
                        model.running = true;
                        model.startedAt = ctx.clock().instant();
                        model.pid = 100000 + vm.vmid;
                        model.agentReadyAt = model.startedAt;
                    }
                }
            });
        }
        sim.mutate(ctx -> ctx.tasks().setDefaultLatency(Duration.ZERO, Duration.ofMillis(200)));
        sim.journal().clear();
    }

    private static byte[] bytes(SecureRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
