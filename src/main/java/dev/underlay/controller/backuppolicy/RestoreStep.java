package dev.underlay.controller.backuppolicy;

/** Where a restore test in progress stands; stored by name in status.restoreTestInProgress.step. */
enum RestoreStep {
    /** qmrestore runs. */
    Restoring,
    /** qmstart was sent; waiting for the VM to run and, with agent=1, for its guest agent to answer. */
    Starting,
    /** Judged (or a leftover): stop and delete the scratch VM, then clear the record. */
    Destroying
}
