package dev.underlay.api.v1alpha1.common;

/** Regular expressions shared by the schema annotations; each mirrors the Proxmox or Kubernetes format it names. */
public final class ValidationPatterns {
    /** Kubernetes object name (RFC 1123 subdomain). */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** Proxmox node name (pve-node format: a hostname label). */
    public static final String PVE_NODE = "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$";
    /** Proxmox storage ID (pve-storage-id). */
    public static final String PVE_STORAGE_ID = "^[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]$";
    /** Ceph pool name as PVE accepts it. */
    public static final String CEPH_POOL_NAME = "^[a-zA-Z0-9][a-zA-Z0-9\\-_.]*$";
    /**
     * Proxmox calendar event (systemd-like): an optional weekday list/range, an optional
     * [[year-]month-]day, an optional hour:minute[:second], each with lists, ranges (..) and repetitions (/);
     * or one of the keywords. Examples: "02:00", "sun 03:00", "*-*-01 04:00", "mon..fri 22:30", "daily".
     */
    public static final String PVE_CALENDAR_EVENT = "^(minutely|hourly|daily|weekly|monthly|yearly|annually|quarterly|semiannually|"
            + "(((mon|tue|wed|thu|fri|sat|sun)(\\.\\.(mon|tue|wed|thu|fri|sat|sun))?)(,((mon|tue|wed|thu|fri|sat|sun)(\\.\\.(mon|tue|wed|thu|fri|sat|sun))?))*)"
            + "|((((mon|tue|wed|thu|fri|sat|sun)(\\.\\.(mon|tue|wed|thu|fri|sat|sun))?)(,((mon|tue|wed|thu|fri|sat|sun)(\\.\\.(mon|tue|wed|thu|fri|sat|sun))?))* )?"
            + "(([0-9*][0-9*.,/]*-)?[0-9*][0-9*.,/]*-[0-9*][0-9*.,/]* )?"
            + "[0-9*][0-9*.,/]*:[0-9*][0-9*.,/]*(:[0-9*][0-9*.,/]*)?))$";
    /** Proxmox tag (pve-tag). */
    public static final String PVE_TAG = "^[a-z0-9_][a-z0-9_\\-+.]*$";
    /** SHA-256 certificate fingerprint, hex pairs optionally separated by colons. */
    public static final String SHA256_FINGERPRINT = "^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$";

    private ValidationPatterns() {
    }
}
