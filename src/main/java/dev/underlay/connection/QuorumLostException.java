package dev.underlay.connection;

import dev.underlay.proxmox.ProxmoxApiException;

/**
 * A mutating call refused by the operator itself because the cluster's latest snapshot does not show quorum (or no
 * snapshot confirmed it yet). It is a waiting state, not a failure: the caller reports QuorumLost and comes back
 * later; nothing reached Proxmox.
 */
public class QuorumLostException extends ProxmoxApiException {

    public QuorumLostException(String message) {
        super(0, message, true);
    }
}
