package dev.underlay.ceph.model;

/**
 * A pool mutation Ceph accepted. Create, update and delete may outlive the call (a PVE task, a Dashboard task);
 * the backend waits a bounded time and hands back the operation either {@code finished} or still running. Ask
 * {@code CephApi.isFinished} about a running one later.
 *
 * @param description what was asked, for logs and events ({@code pool/edit vm-disks})
 * @param reference   the backend's handle: a UPID, or the Dashboard task name and pool
 */
public record CephOperation(String description, String reference, boolean finished) {

    public static CephOperation done(String description) {
        return new CephOperation(description, "", true);
    }

    public CephOperation asFinished() {
        return new CephOperation(description, reference, true);
    }
}
