package dev.underlay.simulator.pve.model;

/**
 * A volume on a storage: a VM disk image, an ISO, or a backup archive. {@code node} is null on
 * shared storages. Backup archives keep a copy of the guest config so that restore works.
 */
public final class Volume {
    public final String volid;
    public final String storage;
    public final String node;
    public final String content;
    public final Integer vmid;
    public long size;
    public final long ctime;
    public final String format;
    public String notes;
    public boolean isProtected;
    /** Config text of the guest at backup time (backup archives only). */
    public VmConfig backupConfig;
    /** A backup archive that fails to restore (see {@code Faults#corruptArchive}). */
    public boolean corrupt;
    /** The bytes of a small uploaded file (see {@code SimRequest.Upload}); null otherwise. */
    public byte[] uploaded;

    /** Where a download-url volume came from (recorded, never fetched). */
    public String sourceUrl;

    public Volume(
            String volid,
            String storage,
            String node,
            String content,
            Integer vmid,
            long size,
            long ctime,
            String format) {
        this.volid = volid;
        this.storage = storage;
        this.node = node;
        this.content = content;
        this.vmid = vmid;
        this.size = size;
        this.ctime = ctime;
        this.format = format;
    }

    /** The part after {@code storage:}. */
    public String name() {
        return volid.substring(volid.indexOf(':') + 1);
    }
}
