package dev.underlay.connection;

import java.util.List;
import java.util.Optional;

/**
 * What it takes to connect to one ProxmoxCluster, resolved from its spec and Secrets. toString never shows the token
 * secret.
 *
 * @param uid                the ProxmoxCluster's metadata.uid (a recreated resource gets a fresh client)
 * @param endpoints          API base URLs in failover order
 * @param credentialsVersion resourceVersion of the credentials Secret: a rotated token changes it
 * @param caVersion          resourceVersion of the CA Secret, when tls.caSecretRef is used
 */
public record ConnectionRequest(
        String uid,
        List<String> endpoints,
        String tokenId,
        String tokenSecret,
        String credentialsVersion,
        Optional<String> caPem,
        Optional<String> caVersion,
        Optional<String> fingerprintSha256,
        boolean insecureSkipVerify) {

    public ConnectionRequest {
        endpoints = List.copyOf(endpoints);
        caPem = caPem == null ? Optional.empty() : caPem;
        caVersion = caVersion == null ? Optional.empty() : caVersion;
        fingerprintSha256 = fingerprintSha256 == null ? Optional.empty() : fingerprintSha256;
    }

    /** What decides whether a cached client still fits: no secret values, only their versions. */
    public Identity identity() {
        return new Identity(
                uid,
                endpoints,
                tokenId,
                credentialsVersion,
                caVersion.orElse(null),
                fingerprintSha256.orElse(null),
                insecureSkipVerify);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[uid=" + uid + ", endpoints=" + endpoints + ", tokenId=" + tokenId
                + ", tokenSecret=<hidden>, credentialsVersion=" + credentialsVersion + ", ca=" + caPem.isPresent()
                + ", fingerprint=" + fingerprintSha256.isPresent() + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }

    public record Identity(
            String uid,
            List<String> endpoints,
            String tokenId,
            String credentialsVersion,
            String caVersion,
            String fingerprintSha256,
            boolean insecureSkipVerify) {}
}
