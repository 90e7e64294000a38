package dev.underlay.controller.backuppolicy;

/** How a restore test ended; the names are what status.lastRestoreTest.result says. */
enum RestoreResult {
    Passed,
    Failed,
    TimedOut
}
