package dev.underlay.proxmox.model;

import java.util.List;

/** The OSD tree of {@code GET /nodes/{node}/ceph/osd}: all OSDs (any host) and the cluster-wide OSD map flags. */
public record CephOsdTree(List<CephOsd> osds, List<String> flags) {

    public CephOsdTree {
        osds = ModelLists.copy(osds);
        flags = ModelLists.copy(flags);
    }

    public List<CephOsd> onHost(String host) {
        return osds.stream().filter(o -> host.equals(o.host())).toList();
    }
}
