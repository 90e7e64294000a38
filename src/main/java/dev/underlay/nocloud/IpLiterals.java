package dev.underlay.nocloud;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Checks IP address literals without ever resolving a name: {@link InetAddress#getByName} is only handed strings that
 * contain ':' (which Java parses as IPv6 literals and never looks up); IPv4 is checked by pattern.
 */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    enum Family {
        IPV4,
        IPV6
    }

    private IpLiterals() {}

    /** The family of an address literal such as {@code 10.0.0.1} or {@code fd00::1}, or an exception. */
    static Family family(String literal) {
        if (literal != null && IPV4.matcher(literal).matches()) {
            return Family.IPV4;
        }
        if (literal != null
                && literal.contains(":")
                && IPV6_CHARACTERS.matcher(literal).matches()) {
            try {
                if (InetAddress.getByName(literal) instanceof Inet6Address) {
                    return Family.IPV6;
                }
            } catch (UnknownHostException e) {
                // falls through to the rejection below
            }
        }
        throw new IllegalArgumentException("not an IP address: " + literal);
    }

    /** The family of an address in CIDR notation such as {@code 10.0.0.5/24}, or an exception. */
    static Family cidrFamily(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an address in CIDR notation (address/prefix): " + cidr);
        }
        Family family = family(cidr.substring(0, slash));
        String prefix = cidr.substring(slash + 1);
        int maxPrefix = family == Family.IPV4 ? 32 : 128;
        if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > maxPrefix) {
            throw new IllegalArgumentException("prefix length of " + cidr + " is not 0-" + maxPrefix);
        }
        return family;
    }
}
