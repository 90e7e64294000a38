package dev.underlay.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json makes a bad value fail the install with a message naming the value. */
class ChartValuesSchemaTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            replicas                         | -1          | replicas: Must be greater than or equal to 0
            replicas                         | two         | replicas: Invalid type. Expected: integer
            watchNamespaces                  | homelab     | watchNamespaces: Invalid type. Expected: array, given: string
            watchNamespaces[0]               | Home_Lab    | watchNamespaces.0: Does not match pattern
            logLevel                         | VERBOSE     | logLevel: logLevel must be one of the following
            image.pullPolicy                 | Sometimes   | image.pullPolicy: image.pullPolicy must be one of the following
            resync.calm                      | PT1M        | resync.calm: Does not match pattern
            resync.haLayoutDrift             | 10 minutes  | resync.haLayoutDrift: Does not match pattern
            proxmox.connectTimeout           | 10          | proxmox.connectTimeout: Invalid type. Expected: string
            proxmox.maxConcurrent            | 0           | proxmox.maxConcurrent: Must be greater than or equal to 1
            proxmox.requestsPerSecond        | 0           | proxmox.requestsPerSecond: Must be greater than 0
            proxmox.clientRefresh            | 1 hour      | proxmox.clientRefresh: Does not match pattern
            proxmox.readTimout               | 60s         | Additional property readTimout is not allowed
            metrics.notBackedUpInterval      | daily       | metrics.notBackedUpInterval: Does not match pattern
            metrics.service.port             | 70000       | metrics.service.port: Must be less than or equal to 65535
            metrics.serviceMonitor.enabled   | yes please  | metrics.serviceMonitor.enabled: Invalid type. Expected: boolean
            metrics.prometheusRule.snapshotMaxAgeSeconds | 5 | metrics.prometheusRule.snapshotMaxAgeSeconds: Must be greater than or equal to 60
            replicaCount                     | 2           | Additional property replicaCount is not allowed
            rbac.nodeMaintenence             | false       | Additional property nodeMaintenence is not allowed
            """)
    void badValueFailsWithAMessageNamingIt(String key, String value, String message) {
        assertThatThrownBy(() -> UnderlayChart.template(List.of(), Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }
}
