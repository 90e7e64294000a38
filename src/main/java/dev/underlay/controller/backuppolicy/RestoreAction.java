package dev.underlay.controller.backuppolicy;

/** One step of a restore test, as {@link RestoreTestPlanner} decides it and {@link RestoreTestActions} carries it out. */
sealed interface RestoreAction {

    /** qmrestore {@code volid} to {@code scratchVmid}, marked as ours from its first moment, not started. */
    record Restore(int scratchVmid, int sourceVmid, String volid) implements RestoreAction {}

    /** Every NIC {@code link_down=1}, then start: the restored guest must never reach the network it was copied from. */
    record Start(int scratchVmid) implements RestoreAction {}

    /** The test is judged: record the outcome, then destroy the scratch VM. No call. */
    record Conclude(RestoreResult result, String message) implements RestoreAction {}

    /** Stop the step's task still running (a restore past the timeout), so the VM can be destroyed. */
    record CancelTask(String upid) implements RestoreAction {}

    record Stop(int scratchVmid) implements RestoreAction {}

    /** Delete with purge (out of every backup job, replication and HA) and unreferenced disks. */
    record Delete(int scratchVmid) implements RestoreAction {}

    /** A scratch VM of ours no test records (the operator stopped mid-test): destroyed before anything else. */
    record AdoptLeftover(int scratchVmid, String node) implements RestoreAction {}

    /** The scratch VM is gone: record the result (if the test was judged) and free the cluster for the next test. */
    record Finish() implements RestoreAction {}
}
