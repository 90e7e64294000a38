package dev.underlay.api.v1alpha1.common;

/**
 * What happens to the Proxmox/Ceph object when its custom resource is deleted. The default is {@link #Retain}:
 * deleting a custom resource never destroys a VM, a disk, a pool or a backup unless the user asked for it in writing.
 */
public enum DeletionPolicy {
    /** Leave the external object in place and drop the operator's ownership marker from it. */
    Retain,
    /** Delete the external object (after the kind's own safety checks) before the custom resource goes away. */
    Delete
}
