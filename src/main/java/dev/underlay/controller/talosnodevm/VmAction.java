package dev.underlay.controller.talosnodevm;

import dev.underlay.proxmox.model.VmOptions;

import java.util.List;
import java.util.Map;

/**
 * One mutating step of a TalosNodeVM, as {@link VmPlanner} decides it. Each is a single call; the task it starts is
 * followed by the next reconcile. The machine configuration is never part of an action (actions are logged and
 * compared): {@link UploadSeed} names the file, the executor builds its bytes from the Secret.
 */
public sealed interface VmAction {

    /** What a person reads in logs and Events. */
    String describe();

    /**
     * Record VMID and SMBIOS UUID on the resource (annotations, then status) before anything exists on Proxmox, so a
     * crash between the create call and the status write can never create a second VM.
     */
    record RecordIdentity(int vmid, String smbiosUuid) implements VmAction {
        public String describe() {
            return "record VMID " + vmid + " and SMBIOS UUID " + smbiosUuid;
        }
    }

    record Create(String node, int vmid, VmOptions options) implements VmAction {
        public String describe() {
            return "create VM " + vmid + " on " + node;
        }
    }

    /** Upload the cidata image (built from the machine-config Secret) as {@code storage:iso/filename}. */
    record UploadSeed(String node, String storage, String filename) implements VmAction {
        public String describe() {
            return "upload the cidata image " + storage + ":iso/" + filename + " on " + node;
        }
    }

    record AttachSeed(String node, int vmid, String slot, String volid, String digest) implements VmAction {
        public String describe() {
            return "attach " + volid + " to VM " + vmid + " as " + slot;
        }
    }

    record Start(String node, int vmid) implements VmAction {
        public String describe() {
            return "start VM " + vmid + " on " + node;
        }
    }

    /** Put the ownership marker on a VM the spec adopts ({@code adopt: true}). */
    record Adopt(String node, int vmid, List<String> tags, String description, String digest) implements VmAction {
        public String describe() {
            return "adopt VM " + vmid + " (ownership marker added)";
        }
    }

    /** deletionPolicy Retain: take the marker off the VM and leave it as it is. */
    record Unmark(String node, int vmid, List<String> tags, String description, String digest) implements VmAction {
        public String describe() {
            return "release VM " + vmid + " (ownership marker removed, VM kept)";
        }
    }

    /** deletionPolicy Delete: a hard stop first, since destroying a running VM is refused. */
    record Stop(String node, int vmid) implements VmAction {
        public String describe() {
            return "stop VM " + vmid + " on " + node;
        }
    }

    /** Destroy with purge (HA, backup and replication jobs lose the VMID too) on the node the VM is on now. */
    record Destroy(String node, int vmid) implements VmAction {
        public String describe() {
            return "destroy VM " + vmid + " on " + node;
        }
    }

    record DeleteSeed(String node, String storage, String volid) implements VmAction {
        public String describe() {
            return "delete the cidata image " + volid + " on " + node;
        }
    }

    /**
     * Converge the VM config: one update carrying the digest read before it, so a concurrent edit makes it fail
     * (re-read, re-plan) instead of being overwritten. PVE applies what it can hot-plug; the rest waits in pending.
     *
     * @param fields the spec fields the write converges, for people
     */
    record UpdateConfig(String node, int vmid, Map<String, String> set, String digest, List<String> fields)
            implements VmAction {
        public String describe() {
            return "update " + String.join(", ", fields) + " of VM " + vmid;
        }
    }

    /** Grow one disk to an absolute size (PVE refuses a smaller one, and so does the planner). */
    record ResizeDisk(String node, int vmid, String slot, int sizeGiB, String digest) implements VmAction {
        public String describe() {
            return "grow " + slot + " of VM " + vmid + " to " + sizeGiB + " GiB";
        }
    }

    /**
     * The restart gate's first step: take the disruption budget for the Kubernetes Node (which cordons it). Refused
     * while another control-plane Node is unavailable, or too many workers are.
     */
    record TakeBudget(String kubernetesNode, boolean controlPlane, String pending) implements VmAction {
        public String describe() {
            return "take the disruption budget for " + kubernetesNode + " (cordon) to restart for " + pending;
        }
    }

    /** Evict the Node's pods through the Eviction API (PodDisruptionBudgets answer 429: wait) until none is left. */
    record Drain(String kubernetesNode) implements VmAction {
        public String describe() {
            return "drain Kubernetes node " + kubernetesNode;
        }
    }

    /** ACPI shutdown through Proxmox, only once drained: Talos answers it with a forced shutdown that drains nothing. */
    record Shutdown(String node, int vmid) implements VmAction {
        public String describe() {
            return "shut down VM " + vmid + " on " + node + " (drained) to apply its pending changes";
        }
    }

    /** The restart is over: the Node is Ready again; give the budget back (uncordon unless someone else holds it). */
    record ReleaseBudget(String kubernetesNode) implements VmAction {
        public String describe() {
            return "release the disruption budget for " + kubernetesNode + " (uncordon)";
        }
    }
}
