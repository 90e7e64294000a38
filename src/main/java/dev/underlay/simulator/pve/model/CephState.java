package dev.underlay.simulator.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** The Ceph cluster PVE fronts: fsid, monitors, OSDs, pools and OSD-map flags. */
public final class CephState {

    public final String fsid;
    public final TreeSet<String> flags = new TreeSet<>();
    public final Map<Integer, Osd> osds = new LinkedHashMap<>();
    public final Map<String, Pool> pools = new LinkedHashMap<>();
    public final Map<String, String> monitors = new LinkedHashMap<>();
    public int osdmapEpoch = 120;
    public int nextPoolId = 1;

    public CephState(String fsid) {
        this.fsid = fsid;
    }

    /** One OSD: where it lives, its size and whether it is in. Up follows the host's state. */
    public static final class Osd {
        public final int id;
        public final String host;
        public final long totalBytes;
        public final String deviceClass;
        public long usedBytes;
        public boolean in = true;

        public Osd(int id, String host, long totalBytes, String deviceClass) {
            this.id = id;
            this.host = host;
            this.totalBytes = totalBytes;
            this.deviceClass = deviceClass;
        }
    }

    /** One pool with the settings PVE exposes. */
    public static final class Pool {
        public final int id;
        public final String name;
        public int size = 3;
        public int minSize = 2;
        public int pgNum = 128;
        public Integer pgNumMin;
        public String autoscaleMode = "on";
        public String crushRule = "replicated_rule";
        public String application = "rbd";
        public Long targetSize;
        public Double targetSizeRatio;
        public long bytesUsed;

        public Pool(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
