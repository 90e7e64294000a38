package dev.underlay.ceph.pve;

import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.CephInvalidRequestException;
import dev.underlay.ceph.CephNotFoundException;
import dev.underlay.ceph.CephUnsupportedException;
import dev.underlay.ceph.OperationWait;
import dev.underlay.ceph.model.CephHealth;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.ceph.model.CrushRule;
import dev.underlay.ceph.model.Osd;
import dev.underlay.ceph.model.OsdTree;
import dev.underlay.ceph.model.PgAutoscaleMode;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolChange;
import dev.underlay.ceph.model.PoolNames;
import dev.underlay.ceph.model.PoolRequest;
import dev.underlay.ceph.model.PoolUsage;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.proxmox.model.CephOsd;
import dev.underlay.proxmox.model.CephPool;
import dev.underlay.proxmox.model.CephPoolChange;
import dev.underlay.proxmox.model.CephPoolDeleteOptions;
import dev.underlay.proxmox.model.CephPoolSpec;
import dev.underlay.proxmox.model.CephPoolStatus;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.TaskStatus;
import dev.underlay.proxmox.model.Upid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The default Ceph backend: Proxmox VE's own Ceph endpoints through {@link ProxmoxApi}. Pool calls go to
 * {@code monitorNode}, a node that runs a Ceph monitor (PVE answers pool calls only there); mutations are PVE tasks
 * followed by their UPID.
 */
public final class ProxmoxCephApi implements CephApi {

    private final ProxmoxApi api;
    private final String monitorNode;
    private final OperationWait wait;

    public ProxmoxCephApi(ProxmoxApi api, String monitorNode, OperationWait wait) {
        this.api = api;
        this.monitorNode = monitorNode;
        this.wait = wait;
    }

    @Override
    public List<Pool> pools() throws CephApiException {
        List<Pool> pools = new ArrayList<>();
        for (CephPool row : call(() -> api.cephPools(monitorNode))) {
            // the list has no object counts or max_avail; the per-pool status (verbose) has them
            pools.add(toPool(row, call(() -> api.cephPool(monitorNode, row.name()))));
        }
        return pools;
    }

    @Override
    public Optional<Pool> pool(String name) throws CephApiException {
        Optional<CephPool> row = call(() -> api.cephPools(monitorNode)).stream()
                .filter(p -> p.name().equals(name))
                .findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toPool(row.get(), call(() -> api.cephPool(monitorNode, name))));
    }

    @Override
    public CephOperation createPool(PoolRequest request) throws CephApiException {
        requireValidName(request.name());
        if (pool(request.name()).isPresent()) {
            throw new CephConflictException(0, "pool " + request.name() + " already exists", false);
        }
        CephPoolSpec spec = new CephPoolSpec(
                request.name(),
                request.size(),
                request.minSize(),
                request.pgNum(),
                null,
                wire(request.pgAutoscaleMode()),
                request.application(),
                request.crushRule(),
                null,
                request.targetSizeRatio(),
                false);
        return follow("pool/create " + request.name(), call(() -> api.createCephPool(monitorNode, spec)));
    }

    @Override
    public CephOperation updatePool(String name, PoolChange change) throws CephApiException {
        String description = "pool/edit " + name;
        if (pool(name).isEmpty()) {
            throw new CephNotFoundException(0, "no pool " + name);
        }
        if (change.isEmpty()) {
            return CephOperation.done(description);
        }
        CephPoolChange pveChange = new CephPoolChange(
                change.size(),
                change.minSize(),
                change.pgNum(),
                null,
                wire(change.pgAutoscaleMode()),
                change.application(),
                change.crushRule(),
                null,
                change.targetSizeRatio());
        return follow(description, call(() -> api.updateCephPool(monitorNode, name, pveChange)));
    }

    @Override
    public CephOperation deletePool(String name) throws CephApiException {
        if (pool(name).isEmpty()) {
            throw new CephNotFoundException(0, "no pool " + name);
        }
        // storages are PVE's business and stay; force would also destroy a pool PVE knows to be in use
        CephPoolDeleteOptions options = new CephPoolDeleteOptions(false, false, null);
        return follow("pool/delete " + name, call(() -> api.deleteCephPool(monitorNode, name, options)));
    }

    @Override
    public boolean isFinished(CephOperation operation) throws CephApiException {
        if (operation.finished()) {
            return true;
        }
        Upid upid = Upid.parse(operation.reference());
        TaskStatus status = call(() -> api.taskStatus(upid));
        if (status.isFailed()) {
            throw new CephApiException(
                    0, operation.description() + " failed: " + status.error().orElse("unknown"), false);
        }
        return status.isSuccess();
    }

    @Override
    public CephHealth health() throws CephApiException {
        CephStatus status = call(api::cephStatus);
        Map<String, CephHealth.HealthCheck> checks = status.checks().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new CephHealth.HealthCheck(
                                e.getValue().severity(),
                                e.getValue().summary(),
                                e.getValue().muted())));
        return new CephHealth(
                status.health(),
                checks,
                status.numOsds(),
                status.numUpOsds(),
                status.numInOsds(),
                status.quorumNames(),
                orZero(status.bytesTotal()),
                orZero(status.bytesAvail()),
                status.pgsByState());
    }

    /** {@code ProxmoxApi} has no {@code GET /nodes/{node}/ceph/rules} yet. */
    @Override
    public List<CrushRule> crushRules() throws CephApiException {
        throw new CephUnsupportedException("the Proxmox backend cannot list CRUSH rules yet");
    }

    @Override
    public OsdTree osdTree() throws CephApiException {
        List<Osd> osds = new ArrayList<>();
        for (CephOsd osd : call(() -> api.cephOsdTree(monitorNode)).osds()) {
            osds.add(new Osd(
                    osd.id(),
                    osd.name(),
                    osd.host(),
                    osd.isUp(),
                    osd.in(),
                    osd.deviceClass(),
                    osd.crushWeight() == null ? 0 : osd.crushWeight()));
        }
        return new OsdTree(osds);
    }

    @Override
    public Set<String> osdFlags() throws CephApiException {
        return new LinkedHashSet<>(call(() -> api.cephOsdTree(monitorNode)).flags());
    }

    @Override
    public void setNoout(boolean on) throws CephApiException {
        call(() -> {
            api.setCephFlag(CephFlag.NOOUT, on);
            return null;
        });
    }

    private CephOperation follow(String description, Upid upid) throws CephApiException {
        CephOperation operation = new CephOperation(description, upid.toString(), false);
        return wait.until(() -> isFinished(operation)) ? operation.asFinished() : operation;
    }

    private static Pool toPool(CephPool row, CephPoolStatus status) {
        PoolUsage usage = status.usageOpt()
                .map(u -> new PoolUsage(
                        orZero(u.bytesUsed()),
                        orZero(u.stored()),
                        orZero(u.maxAvail()),
                        u.percentUsed() == null ? 0 : u.percentUsed(),
                        orZero(u.objects())))
                .orElse(null);
        int pgNum = status.pgNum() != null ? status.pgNum() : orZero(row.pgNum());
        return new Pool(
                row.name(),
                orZero(row.id()),
                orZero(status.size()),
                orZero(status.minSize()),
                pgNum,
                row.pgNumFinal() != null ? row.pgNumFinal() : pgNum,
                PgAutoscaleMode.fromWire(status.pgAutoscaleMode()).orElse(null),
                status.targetSizeRatio(),
                status.crushRule(),
                row.applications(),
                usage);
    }

    private static void requireValidName(String name) throws CephInvalidRequestException {
        if (!PoolNames.isValid(name)) {
            throw new CephInvalidRequestException(0, "not a pool name: " + name, "name");
        }
    }

    private static String wire(PgAutoscaleMode mode) {
        return mode == null ? null : mode.wire();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @FunctionalInterface
    private interface PveCall<T> {
        T run() throws ProxmoxApiException;
    }

    private static <T> T call(PveCall<T> call) throws CephApiException {
        try {
            return call.run();
        } catch (ProxmoxApiException e) {
            throw ProxmoxCephErrors.translate(e);
        }
    }
}
