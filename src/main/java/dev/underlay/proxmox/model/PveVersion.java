package dev.underlay.proxmox.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pve-manager version of the node we talk to. Accepts the PVE 7 format {@code 7.2-3}, the PVE 8/9 format
 * {@code 9.1.4}, and the {@code pve-manager/9.1.4/5ac30304...} string of {@code /nodes/{node}/status}.
 */
public record PveVersion(int major, int minor, int patch, String version, String release, String repoid)
        implements Comparable<PveVersion> {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:[.-](\\d+))?");

    public static PveVersion parse(String text) {
        return of(text, null, null);
    }

    /** Builds from the {@code /version} fields; {@code release} and {@code repoid} may be null. */
    public static PveVersion of(String version, String release, String repoid) {
        String candidate = version == null ? "" : version.trim();
        if (candidate.startsWith("pve-manager/")) {
            String[] parts = candidate.split("/");
            candidate = parts.length > 1 ? parts[1] : "";
            if (repoid == null && parts.length > 2) {
                repoid = parts[2];
            }
        }
        Matcher m = NUMBERS.matcher(candidate);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a PVE version: " + version);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new PveVersion(major, minor, patch, candidate, release == null ? major + "." + minor : release, repoid);
    }

    public boolean isAtLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    public boolean isBefore(int wantedMajor, int wantedMinor) {
        return !isAtLeast(wantedMajor, wantedMinor);
    }

    @Override
    public int compareTo(PveVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    /** Equal when major, minor and patch are; consistent with {@link #compareTo}, whatever text or repoid. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PveVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return (major * 1000 + minor) * 1000 + patch;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
