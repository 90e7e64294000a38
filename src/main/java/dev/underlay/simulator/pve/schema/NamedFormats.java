package dev.underlay.simulator.pve.schema;

import dev.underlay.proxmox.calendar.CalendarEvent;
import dev.underlay.proxmox.calendar.CalendarEventException;

import java.net.InetAddress;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks for the named string formats of PVE's JSONSchema ({@code pve-vmid}, {@code pve-node},
 * ...). A check returns null when the value is fine, else the error text PVE appends after
 * "invalid format - ". Formats not listed here are accepted as they come: the simulator checks
 * what the operator's requests touch, not every format PVE knows. Formats ending in
 * {@code -list} are checked item by item when their base format is known.
 */
final class NamedFormats {

    private static final Pattern VMID = Pattern.compile("[1-9][0-9]{2,8}");
    private static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?");
    private static final Pattern STORAGE_ID = Pattern.compile("(?i)[a-z][a-z0-9\\-_.]*[a-z0-9]");
    private static final Pattern CONFIG_ID = Pattern.compile("(?i)[a-z][a-z0-9_-]+");
    private static final Pattern POOL_ID = Pattern.compile("[A-Za-z0-9_\\-/]+");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern TAG = Pattern.compile("(?i)[a-z0-9_][a-z0-9_\\-+.]*");
    private static final Pattern DISK_SIZE = Pattern.compile("\\d+(\\.\\d+)?[KMGT]?");
    private static final Pattern HA_SID = Pattern.compile("((vm|ct):)?[1-9][0-9]{2,8}");
    private static final Pattern BRIDGE = Pattern.compile("[-_.\\w\\d]+");
    private static final Pattern VOLUME_ID = Pattern.compile("(?i)[a-z][a-z0-9\\-_.]*[a-z0-9]:.+");
    private static final Pattern USER_ID = Pattern.compile("[^\\s:/]+@[A-Za-z][A-Za-z0-9.\\-_]+");

    private static final Map<String, Function<String, String>> CHECKS = Map.ofEntries(
            Map.entry("pve-vmid", v -> VMID.matcher(v).matches() ? null : "value does not look like a valid VM ID\n"),
            Map.entry(
                    "pve-node", v -> NODE.matcher(v).matches() ? null : "value does not look like a valid node name\n"),
            Map.entry(
                    "pve-storage-id",
                    v -> STORAGE_ID.matcher(v).matches()
                            ? null
                            : "storage ID '" + v + "' contains illegal characters\n"),
            Map.entry(
                    "pve-configid",
                    v -> CONFIG_ID.matcher(v).matches() ? null : "invalid configuration ID '" + v + "'\n"),
            Map.entry(
                    "pve-poolid",
                    v -> POOL_ID.matcher(v).matches() ? null : "pool ID '" + v + "' contains illegal characters\n"),
            Map.entry(
                    "mac-addr",
                    v -> MAC.matcher(v).matches() && (Integer.parseInt(v.substring(0, 2), 16) & 1) == 0
                            ? null
                            : "value does not look like a valid unicast MAC address\n"),
            Map.entry(
                    "ipv4", v -> IPV4.matcher(v).matches() ? null : "value does not look like a valid IPv4 address\n"),
            Map.entry("ipv6", v -> isIpv6(v) ? null : "value does not look like a valid IPv6 address\n"),
            Map.entry(
                    "ip",
                    v -> IPV4.matcher(v).matches() || isIpv6(v)
                            ? null
                            : "value does not look like a valid IP address\n"),
            Map.entry("pve-tag", v -> TAG.matcher(v).matches() ? null : "invalid characters in tag '" + v + "'\n"),
            Map.entry("disk-size", v -> DISK_SIZE.matcher(v).matches() ? null : "unable to parse size '" + v + "'\n"),
            Map.entry(
                    "pve-ha-resource-or-vm-id",
                    v -> HA_SID.matcher(v).matches() ? null : "value does not look like a valid ha resource id\n"),
            Map.entry(
                    "pve-ha-resource-id",
                    v -> HA_SID.matcher(v).matches() && v.contains(":")
                            ? null
                            : "value does not look like a valid ha resource id\n"),
            Map.entry(
                    "pve-bridge-id",
                    v -> BRIDGE.matcher(v).matches() && v.length() <= 15 ? null : "invalid bridge ID '" + v + "'\n"),
            Map.entry(
                    "pve-volume-id",
                    v -> VOLUME_ID.matcher(v).matches() ? null : "unable to parse volume ID '" + v + "'\n"),
            Map.entry("pve-calendar-event", NamedFormats::calendarEvent),
            Map.entry(
                    "pve-userid",
                    v -> USER_ID.matcher(v).matches()
                            ? null
                            : "value '" + v + "' does not look like a valid user name\n"));

    private NamedFormats() {}

    /** Null when fine (or when the format is not checked here), else PVE's message. */
    static String check(String format, String value) {
        Function<String, String> check = CHECKS.get(format);
        if (check != null) {
            return check.apply(value);
        }
        if (format.endsWith("-list")) {
            Function<String, String> item = CHECKS.get(format.substring(0, format.length() - "-list".length()));
            if (item != null) {
                for (String part : value.split("[,;\\s\\x00]+")) {
                    if (!part.isEmpty()) {
                        String err = item.apply(part);
                        if (err != null) {
                            return err;
                        }
                    }
                }
            }
        }
        return null;
    }

    /**
     * PVE's wording up to the dash ("invalid calendar event '...' - "); after it PVE quotes its Rust parser,
     * whose messages differ from this parser's.
     */
    private static String calendarEvent(String v) {
        try {
            CalendarEvent.parse(v);
            return null;
        } catch (CalendarEventException e) {
            return "invalid calendar event '" + v + "' - " + e.getMessage() + "\n";
        }
    }

    private static boolean isIpv6(String v) {
        if (!v.contains(":") || !v.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(v).getAddress().length == 16;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
