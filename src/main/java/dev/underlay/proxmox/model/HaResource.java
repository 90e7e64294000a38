package dev.underlay.proxmox.model;

/**
 * An HA resource ({@code /cluster/ha/resources}), {@code sid} like {@code vm:101}. {@code group} is the PVE 8 way
 * to place it, {@code failback} the PVE 9 one (the client refuses {@code failback} on PVE 8). {@code digest} is
 * read-only and sent back on update.
 *
 * @param state requested state: {@code started}, {@code stopped}, {@code enabled}, {@code disabled},
 *              {@code ignored}
 */
public record HaResource(
        String sid,
        String type,
        String state,
        String group,
        Boolean failback,
        Integer maxRestart,
        Integer maxRelocate,
        String comment,
        String digest) {

    public HaResource {
        if (sid == null || sid.isBlank()) {
            throw new IllegalArgumentException("HA resource id missing");
        }
    }

    public static HaResource vm(int vmid, String state) {
        return new HaResource("vm:" + vmid, null, state, null, null, null, null, null, null);
    }
}
