package dev.underlay.controller.support.ha;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HA layout as one call found it: the mode, the API for that mode, and the groups or rules on the cluster.
 *
 * @param dialect    null when the mode is {@link HaMode#Unknown}
 * @param placements the groups or rules on the cluster by id, in the order PVE listed them
 * @param reason     why the mode is Unknown; null otherwise
 */
public record HaClusterView(HaMode mode, HaDialect dialect, Map<String, HaPlacement> placements, String reason) {

    public HaClusterView {
        placements = Collections.unmodifiableMap(new LinkedHashMap<>(placements));
    }

    public static HaClusterView of(HaDialect dialect, List<HaPlacement> placements) {
        Map<String, HaPlacement> byId = new LinkedHashMap<>();
        placements.forEach(p -> byId.put(p.id(), p));
        return new HaClusterView(dialect.mode(), dialect, byId, null);
    }

    public static HaClusterView unknown(String reason) {
        return new HaClusterView(HaMode.Unknown, null, Map.of(), reason);
    }

    public boolean isKnown() {
        return mode != HaMode.Unknown;
    }
}
