package dev.underlay.controller.proxmoxcluster;

import java.util.List;
import java.util.Optional;

/**
 * Everything needed to open a connection to one Proxmox cluster, resolved from the spec and its Secrets. The Secret
 * resourceVersions are part of it so a connection cache can notice a rotated token or CA without comparing values.
 *
 * @param endpoints             API base URLs, in failover order
 * @param token                 the API token
 * @param credentialsVersion    resourceVersion of the credentials Secret
 * @param caBundlePem           PEM CA bundle from tls.caSecretRef, when set
 * @param caVersion             resourceVersion of the CA Secret, when set
 * @param fingerprintSha256     pinned server certificate fingerprint, when set
 * @param insecureSkipVerify    whether verification is off (loud, lab only)
 */
public record ClusterAccess(
        List<String> endpoints,
        ApiToken token,
        String credentialsVersion,
        Optional<String> caBundlePem,
        Optional<String> caVersion,
        Optional<String> fingerprintSha256,
        boolean insecureSkipVerify) {

    @Override
    public String toString() {
        return "ClusterAccess[endpoints=" + endpoints + ", token=" + token + ", ca=" + caBundlePem.isPresent()
                + ", fingerprint=" + fingerprintSha256.isPresent() + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }
}
