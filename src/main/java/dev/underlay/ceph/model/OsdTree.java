package dev.underlay.ceph.model;

import java.util.List;

/** All OSDs of the cluster, any host. */
public record OsdTree(List<Osd> osds) {

    public OsdTree {
        osds = List.copyOf(osds);
    }

    public List<Osd> onHost(String host) {
        return osds.stream().filter(o -> host.equals(o.host())).toList();
    }
}
