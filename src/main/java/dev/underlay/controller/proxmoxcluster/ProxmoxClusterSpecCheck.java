package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.TlsSpec;
import dev.underlay.controller.support.InvalidSpecException;
import dev.underlay.controller.support.SpecViolations;
import dev.underlay.controller.support.UnreadableSpec;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/** The ProxmoxCluster rules the controller relies on, re-checked for objects an API server let through unvalidated. */
final class ProxmoxClusterSpecCheck {

    private ProxmoxClusterSpecCheck() {}

    static void check(ProxmoxCluster cluster) throws InvalidSpecException {
        ProxmoxClusterSpec spec = cluster.getSpec();
        UnreadableSpec.requirePresent(cluster, spec);
        SpecViolations violations = new SpecViolations()
                .require(!spec.endpoints().isEmpty(), "spec.endpoints must list at least one https:// URL")
                .require(
                        spec.credentialsSecretRef() != null
                                && notBlank(spec.credentialsSecretRef().name()),
                        "spec.credentialsSecretRef.name is required");
        for (String endpoint : spec.endpoints()) {
            violations.require(isHttpsUrl(endpoint), "spec.endpoints entry '" + endpoint + "' is not an https:// URL");
        }
        TlsSpec tls = spec.tls();
        if (tls != null) {
            int modes = (tls.caSecretRef() != null ? 1 : 0)
                    + (tls.fingerprintSha256() != null ? 1 : 0)
                    + (tls.skipVerify() ? 1 : 0);
            violations
                    .require(
                            modes <= 1,
                            "spec.tls: set at most one of caSecretRef, fingerprintSha256, insecureSkipVerify")
                    .require(
                            tls.caSecretRef() == null
                                    || notBlank(tls.caSecretRef().name()),
                            "spec.tls.caSecretRef.name is required");
        }
        Set<String> groupNames = new HashSet<>();
        spec.haGroups().forEach(group -> groupNames.add(group == null ? null : group.name()));
        violations.require(
                groupNames.size() == spec.haGroups().size() && !groupNames.contains(null),
                "spec.haGroups names must be set and unique");
        violations.throwIfAny();
    }

    private static boolean isHttpsUrl(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
