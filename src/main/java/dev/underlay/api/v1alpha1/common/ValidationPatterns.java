package dev.underlay.api.v1alpha1.common;

/**
 * Regular expressions shared by the schema annotations; each mirrors the Proxmox or Kubernetes format it names. They
 * must be valid in RE2 (the API server's regex engine) as well as in Java; the schema tests compile them with RE2.
 */
public final class ValidationPatterns {
    /** Kubernetes object name (RFC 1123 subdomain); pair with a maxLength of 253. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** Proxmox node name (pve-node format: a hostname label). */
    public static final String PVE_NODE = "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$";
    /** Proxmox storage ID (pve-storage-id). */
    public static final String PVE_STORAGE_ID = "^[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]$";
    /** Proxmox configuration ID (pve-configid), used for HA groups and rules. */
    public static final String PVE_CONFIG_ID = "^[a-zA-Z][a-zA-Z0-9_-]+$";
    /** Ceph pool name as the operator creates them (PVE itself only forbids ':', '/' and whitespace). */
    public static final String CEPH_POOL_NAME = "^[a-zA-Z0-9][a-zA-Z0-9\\-_.]*$";
    /** Proxmox tag (pve-tag), lower case. */
    public static final String PVE_TAG = "^[a-z0-9_][a-z0-9_\\-+.]*$";
    /** SHA-256 certificate fingerprint: 32 hex pairs separated by colons (as Proxmox shows it) or 64 hex digits. */
    public static final String SHA256_FINGERPRINT = "^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$";
    /** Unicast MAC address (the I/G bit clear), as Proxmox's mac-addr format demands. */
    public static final String UNICAST_MAC = "^[0-9A-Fa-f][02468aceACE](:[0-9A-Fa-f]{2}){5}$";
    /** An https base URL: host name, IPv4 or [IPv6], optional port, no path. */
    public static final String HTTPS_BASE_URL =
            "^https://([a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?|\\[[0-9a-fA-F:.]+\\])(:[0-9]{1,5})?/?$";
    /** Like {@link #HTTPS_BASE_URL} but http is allowed too (a Ceph dashboard may sit behind plain http in a lab). */
    public static final String HTTP_BASE_URL =
            "^https?://([a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?|\\[[0-9a-fA-F:.]+\\])(:[0-9]{1,5})?/?$";

    // Proxmox calendar events (proxmox-time): [WEEKDAYS] [[YEARS-]MONTHS-DAYS] [[HOURS:]MINUTES[:SECONDS]] [UTC], at
    // least one part, or a keyword. Each numeric part is '*', '*/step', or a comma list of value, value..value,
    // value/step, value..value/step. Values stay below Proxmox's limits (hour < 24, minute < 60, ...); steps are >= 1.
    private static final String WEEKDAY =
            "(?i:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final String WEEKDAYS =
            WEEKDAY + "(\\.\\." + WEEKDAY + ")?(," + WEEKDAY + "(\\.\\." + WEEKDAY + ")?)*";

    private static final String YEAR = "(19[7-9][0-9]|2[01][0-9][0-9])";
    private static final String YEAR_STEP = "([1-9][0-9]{0,2})";
    private static final String MONTH = "(0?[1-9]|1[0-2])";
    private static final String DAY = "(0?[1-9]|[12][0-9]|3[01])";
    private static final String HOUR = "(0?[0-9]|1[0-9]|2[0-3])";
    private static final String HOUR_STEP = "(0?[1-9]|1[0-9]|2[0-3])";
    private static final String MINUTE = "([0-5]?[0-9])";
    private static final String MINUTE_STEP = "(0?[1-9]|[1-5][0-9])";

    private static final String YEAR_ITEM = YEAR + "(\\.\\." + YEAR + ")?(/" + YEAR_STEP + ")?";
    private static final String YEARS = "(\\*(/" + YEAR_STEP + ")?|" + YEAR_ITEM + "(," + YEAR_ITEM + ")*)";
    private static final String MONTH_ITEM = MONTH + "(\\.\\." + MONTH + ")?(/" + MONTH + ")?";
    private static final String MONTHS = "(\\*(/" + MONTH + ")?|" + MONTH_ITEM + "(," + MONTH_ITEM + ")*)";
    private static final String DAY_ITEM = DAY + "(\\.\\." + DAY + ")?(/" + DAY + ")?";
    private static final String DAYS = "(\\*(/" + DAY + ")?|" + DAY_ITEM + "(," + DAY_ITEM + ")*)";
    private static final String HOUR_ITEM = HOUR + "(\\.\\." + HOUR + ")?(/" + HOUR_STEP + ")?";
    private static final String HOURS = "(\\*(/" + HOUR_STEP + ")?|" + HOUR_ITEM + "(," + HOUR_ITEM + ")*)";
    private static final String MINUTE_ITEM = MINUTE + "(\\.\\." + MINUTE + ")?(/" + MINUTE_STEP + ")?";
    private static final String MINUTES = "(\\*(/" + MINUTE_STEP + ")?|" + MINUTE_ITEM + "(," + MINUTE_ITEM + ")*)";

    private static final String DATE = "(" + YEARS + "-)?" + MONTHS + "-" + DAYS;
    private static final String TIME = "(" + HOURS + ":)?" + MINUTES + "(:" + MINUTES + ")?";
    private static final String KEYWORD =
            "minutely|hourly|daily|weekly|monthly|yearly|annually|quarterly|semiannually|semi-annually";

    /**
     * Proxmox calendar event as backup jobs take it. Examples: "02:00", "sun 03:00", "*-*-01 04:00", "mon..fri 22:30",
     * "sat *-1..7 15:00", "*&#47;15", "daily", "monthly". Not checked: that a range runs upwards ("5..3").
     */
    public static final String PVE_CALENDAR_EVENT = "^(" + KEYWORD
            + "|" + WEEKDAYS + "( +" + DATE + ")?( +" + TIME + ")?"
            + "|" + DATE + "( +" + TIME + ")?"
            + "|" + TIME + ")( +UTC)?$";

    private ValidationPatterns() {}
}
