package dev.underlay.controller.proxmoxcluster;

/**
 * A Proxmox API token as read from the credentials Secret. toString never shows the secret half.
 *
 * @param tokenId     user@realm!tokenname
 * @param tokenSecret the UUID secret
 */
public record ApiToken(String tokenId, String tokenSecret) {

    @Override
    public String toString() {
        return "ApiToken[tokenId=" + tokenId + ", tokenSecret=<hidden>]";
    }
}
