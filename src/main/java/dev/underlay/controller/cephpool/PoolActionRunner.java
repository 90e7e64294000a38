package dev.underlay.controller.cephpool;

import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephUnavailableException;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;

/** Performs one {@link PoolAction}; the Ceph backend for the pool, Proxmox for its storage registration. */
final class PoolActionRunner {

    private PoolActionRunner() {}

    /** The Event reason for an action. */
    static String eventReason(PoolAction action) {
        if (action instanceof PoolAction.Claim claim) {
            return claim.adopting() ? "PoolAdopted" : "PoolClaimed";
        }
        if (action instanceof PoolAction.Create) {
            return "PoolCreated";
        }
        if (action instanceof PoolAction.Update) {
            return "PoolChanged";
        }
        if (action instanceof PoolAction.RegisterStorage) {
            return "StorageRegistered";
        }
        if (action instanceof PoolAction.UpdateStorage) {
            return "StorageChanged";
        }
        if (action instanceof PoolAction.UnregisterStorage) {
            return "StorageUnregistered";
        }
        return "PoolDeleted";
    }

    /**
     * @return the Ceph operation when one was started (it may still run), null for synchronous Proxmox storage calls
     *     and claims, which the reconciler does itself
     */
    static CephOperation run(PoolAction action, CephApi ceph, ProxmoxApi proxmox)
            throws CephApiException, ProxmoxApiException {
        if (action instanceof PoolAction.Create create) {
            return ceph.createPool(create.request());
        }
        if (action instanceof PoolAction.Update update) {
            return ceph.updatePool(update.pool(), update.change());
        }
        if (action instanceof PoolAction.Delete delete) {
            return ceph.deletePool(delete.pool());
        }
        if (proxmox == null) {
            throw new CephUnavailableException(0, "no Proxmox client for the storage registration yet");
        }
        if (action instanceof PoolAction.RegisterStorage register) {
            proxmox.createStorage(register.definition());
        } else if (action instanceof PoolAction.UpdateStorage change) {
            proxmox.updateStorage(change.storage(), change.update());
        } else if (action instanceof PoolAction.UnregisterStorage unregister) {
            proxmox.deleteStorage(unregister.storage());
        }
        return null;
    }
}
