package dev.underlay.ceph.dashboard;

import dev.underlay.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation {@link DashboardCephApi} calls exists in the Dashboard's own OpenAPI document (Debian's
 * ceph-mgr-dashboard, Pacific), with the API version the client pins it to. Skips without the package, except in CI.
 */
class DashboardOpenApiContractTest {

    @Test
    void everyCalledOperationIsDocumentedWithItsVersion() throws Exception {
        ExternalTools.requireThat(
                Files.isRegularFile(DashboardOpenApi.DEBIAN_LOCATION),
                DashboardOpenApi.DEBIAN_LOCATION + " is missing (Debian package ceph-mgr-dashboard)");
        DashboardOpenApi document = new DashboardOpenApi(DashboardOpenApi.DEBIAN_LOCATION);

        for (DashboardEndpoint endpoint : DashboardEndpoint.values()) {
            assertThat(document.has(endpoint.method(), endpoint.template()))
                    .as("%s %s in the OpenAPI document", endpoint.method(), endpoint.template())
                    .isTrue();
            assertThat(document.versions(endpoint.method(), endpoint.template()))
                    .as("API versions of %s %s", endpoint.method(), endpoint.template())
                    .contains(endpoint.version());
        }
    }
}
