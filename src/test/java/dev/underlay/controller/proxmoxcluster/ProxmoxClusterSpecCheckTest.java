package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.support.InvalidSpecException;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxmoxClusterSpecCheckTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void validClusterPasses() {
        assertThatCode(() -> ProxmoxClusterSpecCheck.check(Fixtures.cluster("ns", "c", "s")))
                .doesNotThrowAnyException();
    }

    @Test
    void missingSpecPlainHttpTwoTlsModesAndDuplicateGroupsAreNamed() {
        ProxmoxCluster noSpec = Fixtures.cluster("ns", "c", "s");
        noSpec.setSpec(null);
        assertThatThrownBy(() -> ProxmoxClusterSpecCheck.check(noSpec))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("spec is missing");

        ProxmoxCluster bad = YAML.unmarshal("""
                apiVersion: underlay.dev/v1alpha1
                kind: ProxmoxCluster
                metadata: {name: c, namespace: ns}
                spec:
                  endpoints: ["http://10.0.0.1:8006"]
                  credentialsSecretRef: {name: s}
                  tls: {caSecretRef: {name: ca}, insecureSkipVerify: true}
                  haGroups: [{name: a, nodes: [n1]}, {name: a, nodes: [n2]}]
                """, ProxmoxCluster.class);
        assertThatThrownBy(() -> ProxmoxClusterSpecCheck.check(bad))
                .hasMessageContaining("'http://10.0.0.1:8006' is not an https:// URL")
                .hasMessageContaining("at most one of caSecretRef, fingerprintSha256, insecureSkipVerify")
                .hasMessageContaining("haGroups names must be set and unique");
    }
}
