package dev.underlay.proxmox.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /access/permissions}: effective privileges of the calling token, path to privilege to "propagates".
 * {@link #has} applies PVE's inheritance: a privilege on a parent path counts if it propagates.
 */
public record Permissions(Map<String, Map<String, Boolean>> byPath) {

    public Permissions {
        Map<String, Map<String, Boolean>> copy = new TreeMap<>();
        if (byPath != null) {
            byPath.forEach((k, v) -> copy.put(k, ModelLists.sortedCopy(v)));
        }
        byPath = Collections.unmodifiableMap(copy);
    }

    public boolean has(String path, String privilege) {
        Map<String, Boolean> exact = byPath.get(path);
        if (exact != null && exact.containsKey(privilege)) {
            return true;
        }
        String parent = path;
        while (!parent.equals("/")) {
            int slash = parent.lastIndexOf('/');
            parent = slash <= 0 ? "/" : parent.substring(0, slash);
            Map<String, Boolean> privs = byPath.get(parent);
            if (privs != null && Boolean.TRUE.equals(privs.get(privilege))) {
                return true;
            }
        }
        return false;
    }
}
