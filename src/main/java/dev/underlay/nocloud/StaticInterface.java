package dev.underlay.nocloud;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Static addressing for one network interface of a NoCloud guest, found by its MAC address.
 *
 * @param name the key of the interface in network-config, e.g. {@code eth0}. Talos renames it to the link whose MAC
 *     matches and uses the name only when no link matches; Talos before 1.5 only read keys starting with "eth", so
 *     {@code eth<N>} for Proxmox slot {@code net<N>} (Talos boots with net.ifnames=0) is the safe choice
 * @param macAddress the interface's MAC address, any case, ':' or '-' separated; written lower case with ':'
 * @param addresses one or more addresses in CIDR notation, IPv4 or IPv6
 * @param gateways default gateways, at most one per address family
 * @param nameservers DNS server addresses, possibly none
 */
public record StaticInterface(
        String name, String macAddress, List<String> addresses, List<String> gateways, List<String> nameservers) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,14}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");

    public StaticInterface {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "interface name must be 1-15 characters a-z 0-9 _ -, from a letter: " + name);
        }
        if (macAddress == null || !MAC.matcher(macAddress).matches()) {
            throw new IllegalArgumentException("not a MAC address (six hex octets): " + macAddress);
        }
        macAddress = macAddress.toLowerCase(Locale.ROOT).replace('-', ':');
        addresses = List.copyOf(addresses == null ? List.of() : addresses);
        gateways = List.copyOf(gateways == null ? List.of() : gateways);
        nameservers = List.copyOf(nameservers == null ? List.of() : nameservers);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("interface " + name + " has no static address; leave it out for DHCP");
        }
        addresses.forEach(IpLiterals::cidrFamily);
        Set<IpLiterals.Family> gatewayFamilies = EnumSet.noneOf(IpLiterals.Family.class);
        for (String gateway : gateways) {
            if (!gatewayFamilies.add(IpLiterals.family(gateway))) {
                throw new IllegalArgumentException("interface " + name + " has two default gateways of one family");
            }
        }
        nameservers.forEach(IpLiterals::family);
    }

    /** An interface with one address, an optional gateway (null for none) and its name servers. */
    public static StaticInterface of(
            String name, String macAddress, String address, String gateway, List<String> nameservers) {
        return new StaticInterface(
                name, macAddress, List.of(address), gateway == null ? List.of() : List.of(gateway), nameservers);
    }
}
