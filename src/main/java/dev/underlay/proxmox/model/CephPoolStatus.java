package dev.underlay.proxmox.model;

import java.util.Optional;

/**
 * {@code GET /nodes/{node}/ceph/pool/{name}/status} (with {@code verbose=1} for usage). Ceph's pool flags come as
 * "0"/"1" strings here. {@code crushRule} is the rule name in this endpoint.
 */
public record CephPoolStatus(
        String name,
        Integer id,
        Integer size,
        Integer minSize,
        Integer pgNum,
        Integer pgpNum,
        Integer pgNumMin,
        String pgAutoscaleMode,
        String crushRule,
        String application,
        boolean nodelete,
        boolean nosizechange,
        boolean nopgchange,
        String targetSize,
        Double targetSizeRatio,
        Usage usage) {

    /** Pool usage from {@code statistics}; absent unless requested verbosely. */
    public record Usage(Long bytesUsed, Long stored, Long maxAvail, Long objects, Double percentUsed) {}

    public Optional<Usage> usageOpt() {
        return Optional.ofNullable(usage);
    }

    /** True when the pool holds objects (the operator blocks deletion then). */
    public boolean holdsData() {
        return usage != null
                && ((usage.objects() != null && usage.objects() > 0)
                        || (usage.bytesUsed() != null && usage.bytesUsed() > 0));
    }
}
