package dev.underlay.proxmox.model;

import java.util.List;

/** An interface reported by the guest agent's {@code network-get-interfaces}. */
public record GuestNetworkInterface(String name, String hardwareAddress, List<IpAddress> ipAddresses) {

    public GuestNetworkInterface {
        ipAddresses = ModelLists.copy(ipAddresses);
    }

    /** @param type {@code ipv4} or {@code ipv6} */
    public record IpAddress(String address, String type, Integer prefix) {}
}
