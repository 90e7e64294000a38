package dev.underlay.controller.proxmoxcluster.ha;

import java.util.List;

/**
 * What {@link HaLayoutCleanup#removeOwned} did.
 *
 * @param haMode   Groups, Rules or Unknown
 * @param deleted  ids of owned groups/rules deleted (deletionPolicy Delete)
 * @param released ids of owned groups/rules left in place with the marker removed (deletionPolicy Retain)
 * @param problems why something owned is still there (refusals, a mixed cluster, no quorum); empty when complete
 */
public record HaCleanupResult(String haMode, List<String> deleted, List<String> released, List<String> problems) {

    public HaCleanupResult {
        deleted = List.copyOf(deleted);
        released = List.copyOf(released);
        problems = List.copyOf(problems);
    }

    public boolean isComplete() {
        return problems.isEmpty();
    }
}
