package dev.underlay.ceph.model;

import java.util.regex.Pattern;

/**
 * Which pool names the operator sends. Ceph itself accepts almost any non-empty string, but a name with
 * {@code /} or spaces breaks REST paths and PVE storage ids, so both backends refuse such names before sending.
 */
public final class PoolNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,126}");

    private PoolNames() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
