package dev.underlay.proxmox.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PVE task id: {@code UPID:node:pid:pstart:starttime:type:id:user:} (hex numbers, trailing colon, {@code id} may
 * be empty, {@code user} may carry {@code !tokenid}).
 *
 * <p>The original text is kept verbatim because PVE looks task files up by that exact string; {@link #toString()}
 * returns it. Poll the task on {@link #node()}, which may differ from the node the call went to.
 */
public final class Upid {

    private static final Pattern FORMAT = Pattern.compile(
            "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
                    + "([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

    private final String value;
    private final String node;
    private final long pid;
    private final long pstart;
    private final long startTime;
    private final String type;
    private final String id;
    private final String user;

    private Upid(
            String value, String node, long pid, long pstart, long startTime, String type, String id, String user) {
        this.value = value;
        this.node = node;
        this.pid = pid;
        this.pstart = pstart;
        this.startTime = startTime;
        this.type = type;
        this.id = id;
        this.user = user;
    }

    /** Parses a UPID; throws {@link IllegalArgumentException} for anything that is not one. */
    public static Upid parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a UPID: " + text);
        }
        return new Upid(
                text,
                m.group(1),
                Long.parseLong(m.group(3), 16),
                Long.parseLong(m.group(4), 16),
                Long.parseLong(m.group(5), 16),
                m.group(6),
                m.group(7),
                m.group(8));
    }

    /** True when {@code text} parses as a UPID. */
    public static boolean isUpid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** Builds a UPID in PVE's own format (upper-case hex, 8 digits; pstart widens to 9 when needed). */
    public static Upid of(String node, long pid, long pstart, long startTime, String type, String id, String user) {
        String text = String.format(
                Locale.ROOT,
                "UPID:%s:%08X:%08X:%08X:%s:%s:%s:",
                node,
                pid,
                pstart,
                startTime,
                type,
                id == null ? "" : id,
                user);
        return parse(text);
    }

    public String node() {
        return node;
    }

    public long pid() {
        return pid;
    }

    public long pstart() {
        return pstart;
    }

    /** Task start, seconds since the epoch. */
    public long startTime() {
        return startTime;
    }

    /** Task type: {@code qmcreate}, {@code qmstart}, {@code hastart}, {@code vzdump}, ... */
    public String type() {
        return type;
    }

    /** The task's object id (usually the VMID); empty for node-wide tasks. */
    public String id() {
        return id;
    }

    /** {@code user@realm} or {@code user@realm!tokenid}. */
    public String user() {
        return user;
    }

    /** The token id when the task was started with an API token. */
    public Optional<String> tokenId() {
        int bang = user.indexOf('!');
        return bang < 0 ? Optional.empty() : Optional.of(user.substring(bang + 1));
    }

    /** The user without a token suffix. */
    public String userId() {
        int bang = user.indexOf('!');
        return bang < 0 ? user : user.substring(0, bang);
    }

    /** HA-managed guests answer start/stop/migrate with {@code ha*} tasks that only queue a CRM request. */
    public boolean isHaRequest() {
        return type.startsWith("ha");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Upid other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
