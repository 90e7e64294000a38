package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.support.SecretContents;
import dev.underlay.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterAccessResolverTest {

    private final Map<String, SecretContents> secrets = new HashMap<>();
    private final ClusterAccessResolver resolver =
            new ClusterAccessResolver(name -> Optional.ofNullable(secrets.get(name)));

    @Test
    void missingCredentialsSecret() {
        var resolution = resolver.resolve(Fixtures.cluster("ns", "homelab", "pve-token"));

        assertThat(resolution.blocker().reason()).isEqualTo(ConditionReasons.CREDENTIALS_SECRET_MISSING);
        assertThat(resolution.blocker().message())
                .contains("pve-token")
                .contains("tokenId")
                .contains("tokenSecret");
    }

    @ParameterizedTest(name = "tokenId=[{0}] tokenSecret=[{1}] -> names {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "                       | 00000000-1111 | tokenId",
                "root@pam!op            |               | tokenSecret",
                "root@pam               | 00000000-1111 | user@realm!tokenname",
                "root!op                | 00000000-1111 | user@realm!tokenname",
                "'root@pam!op '         | 00000000-1111 | whitespace",
                "root@pam!op            | '0000-1111\n' | whitespace",
            })
    void invalidCredentialsNameTheKeyButNeverTheValue(String tokenId, String tokenSecret, String expectedInMessage) {
        Map<String, String> values = new HashMap<>();
        if (tokenId != null) {
            values.put("tokenId", tokenId.replace("\\n", "\n"));
        }
        if (tokenSecret != null) {
            values.put("tokenSecret", tokenSecret.replace("\\n", "\n"));
        }
        secrets.put("pve-token", new SecretContents(Fixtures.secret("ns", "pve-token", values)));

        var resolution = resolver.resolve(Fixtures.cluster("ns", "homelab", "pve-token"));

        assertThat(resolution.blocker().reason()).isEqualTo(ConditionReasons.CREDENTIALS_SECRET_INVALID);
        assertThat(resolution.blocker().message()).contains(expectedInMessage);
        if (tokenSecret != null) {
            assertThat(resolution.blocker().message()).doesNotContain(tokenSecret.strip());
        }
    }

    @Test
    void validCredentialsResolveAndNeverPrintTheSecret() {
        secrets.put("pve-token", new SecretContents(Fixtures.tokenSecret("ns", "pve-token")));

        var resolution = resolver.resolve(Fixtures.cluster("ns", "homelab", "pve-token"));

        assertThat(resolution.isBlocked()).isFalse();
        ClusterAccess access = resolution.access();
        assertThat(access.token().tokenId()).isEqualTo(Fixtures.TOKEN_ID);
        assertThat(access.token().tokenSecret()).isEqualTo(Fixtures.TOKEN_SECRET);
        assertThat(access.endpoints()).containsExactly("https://pve-1.invalid:8006");
        assertThat(access.toString()).contains(Fixtures.TOKEN_ID).doesNotContain(Fixtures.TOKEN_SECRET);
    }

    @Test
    void caSecretMissingKeylessNotPemAndValid() {
        secrets.put("pve-token", new SecretContents(Fixtures.tokenSecret("ns", "pve-token")));
        ProxmoxCluster cluster = Fixtures.clusterWithCa("ns", "homelab", "pve-token", "pve-ca");

        assertThat(resolver.resolve(cluster).blocker().reason()).isEqualTo(ConditionReasons.SECRET_MISSING);

        secrets.put("pve-ca", new SecretContents(Fixtures.secret("ns", "pve-ca", Map.of("other", "x"))));
        assertThat(resolver.resolve(cluster).blocker().message()).contains("has no key ca.crt");

        secrets.put(
                "pve-ca",
                new SecretContents(Fixtures.secret(
                        "ns",
                        "pve-ca",
                        Map.of("ca.crt", "-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n"))));
        assertThat(resolver.resolve(cluster).blocker().reason()).isEqualTo(ConditionReasons.SECRET_INVALID);

        secrets.put(
                "pve-ca", new SecretContents(Fixtures.secret("ns", "pve-ca", Map.of("ca.crt", Fixtures.testCaPem()))));
        var resolved = resolver.resolve(cluster);
        assertThat(resolved.isBlocked()).isFalse();
        assertThat(resolved.access().caBundlePem()).contains(Fixtures.testCaPem());
    }
}
