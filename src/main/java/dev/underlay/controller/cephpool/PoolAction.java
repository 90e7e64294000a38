package dev.underlay.controller.cephpool;

import dev.underlay.ceph.model.PoolChange;
import dev.underlay.ceph.model.PoolRequest;
import dev.underlay.proxmox.model.StorageDefinition;
import dev.underlay.proxmox.model.StorageUpdate;

/** One mutating step of the CephPool controller; the planner picks it, {@link CephPoolReconciler} performs it. */
public sealed interface PoolAction
        permits PoolAction.Claim,
                PoolAction.Create,
                PoolAction.Update,
                PoolAction.RegisterStorage,
                PoolAction.UpdateStorage,
                PoolAction.UnregisterStorage,
                PoolAction.Delete {

    /** A short text for Events and logs. */
    String describe();

    /**
     * Write the ownership annotation on the CephPool before anything is created (identity before creation), or to
     * take over an existing pool when {@code spec.adopt} asks for it.
     */
    record Claim(String pool, boolean adopting) implements PoolAction {
        @Override
        public String describe() {
            return adopting ? "adopting existing pool " + pool : "claiming pool name " + pool;
        }
    }

    record Create(PoolRequest request) implements PoolAction {
        @Override
        public String describe() {
            return "creating pool " + request.name() + " (size " + request.size() + ", min_size " + request.minSize()
                    + ", pg_num " + request.pgNum() + ")";
        }
    }

    /** @param summary the changed settings as {@code field old->new}, for the Event */
    record Update(String pool, PoolChange change, String summary) implements PoolAction {
        @Override
        public String describe() {
            return "changing pool " + pool + ": " + summary;
        }
    }

    record RegisterStorage(StorageDefinition definition) implements PoolAction {
        @Override
        public String describe() {
            return "registering Proxmox RBD storage " + definition.storage() + " on pool " + definition.pool();
        }
    }

    record UpdateStorage(String storage, StorageUpdate update, String summary) implements PoolAction {
        @Override
        public String describe() {
            return "changing Proxmox storage " + storage + ": " + summary;
        }
    }

    record UnregisterStorage(String storage) implements PoolAction {
        @Override
        public String describe() {
            return "removing Proxmox storage registration " + storage;
        }
    }

    record Delete(String pool) implements PoolAction {
        @Override
        public String describe() {
            return "deleting pool " + pool;
        }
    }
}
