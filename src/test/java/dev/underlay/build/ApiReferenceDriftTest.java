package dev.underlay.build;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api-reference.md is rendered from the current CRDs and mentions every field they have. */
class ApiReferenceDriftTest {

    @Test
    void committedReferenceMatchesTheCrds() throws IOException {
        String rendered =
                ApiReference.render(ApiReference.parse(CrdGeneration.generate().values()));
        assertThat(Files.readString(SyncManifests.API_REFERENCE))
                .as("docs/api-reference.md is stale; refresh it with: " + SyncManifests.COMMAND)
                .isEqualTo(rendered);
    }

    @Test
    void referenceListsEveryKindAndKeyFields() throws IOException {
        String reference = Files.readString(SyncManifests.API_REFERENCE);
        assertThat(reference)
                .contains(
                        "## ProxmoxCluster",
                        "## CephPool",
                        "## TalosNodeVM",
                        "## BackupPolicy",
                        "`spec.disks[].sizeGiB`",
                        "`spec.networks[].vlan`",
                        "`spec.selector.vmids`",
                        "`spec.pgNum`",
                        "`status.conditions[].reason`",
                        "`spec.tls.fingerprintSha256`",
                        "poolName is immutable",
                        "VMID | `.status.vmid`");
    }
}
