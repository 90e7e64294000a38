package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupPolicySpecCheckTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void fixturePolicyPasses() {
        assertThatCode(() -> BackupPolicySpecCheck.check(Fixtures.policy("ns", "p", "homelab")))
                .doesNotThrowAnyException();
    }

    @Test
    void seedSchedulesPass() {
        for (String schedule : new String[] {"02:00", "sun 03:00", "*-*-01 04:00"}) {
            BackupPolicy policy = Fixtures.policy("ns", "p", "homelab");
            BackupPolicy withSchedule = YAML.unmarshal(
                    YAML.asYaml(policy).replace("\"02:00\"", "\"" + schedule + "\""), BackupPolicy.class);
            assertThatCode(() -> BackupPolicySpecCheck.check(withSchedule))
                    .as(schedule)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void twoSelectorsAndABadScheduleAreNamed() {
        BackupPolicy policy = YAML.unmarshal("""
                apiVersion: underlay.dev/v1alpha1
                kind: BackupPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  clusterRef: {name: homelab}
                  schedule: "at night"
                  selector: {vmids: [101], all: true}
                  storage: backups
                """, BackupPolicy.class);

        assertThatThrownBy(() -> BackupPolicySpecCheck.check(policy))
                .hasMessageContaining("spec.schedule must be a Proxmox calendar event")
                .hasMessageContaining(
                        "spec.selector must set exactly one of vmids, all, pool, talosNodeVMSelector " + "(got 2)")
                .hasMessageContaining("spec.retention is required");
    }

    @Test
    void aScheduleThePatternLetsThroughIsParsedAndTheOffendingTokenNamed() {
        BackupPolicy policy = Fixtures.policy("ns", "p", "homelab");
        BackupPolicy misspelt =
                YAML.unmarshal(YAML.asYaml(policy).replace("\"02:00\"", "\"mnday 02:00\""), BackupPolicy.class);

        assertThatThrownBy(() -> BackupPolicySpecCheck.check(misspelt))
                .hasMessageContaining("spec.schedule must be a Proxmox calendar event")
                .hasMessageContaining("\"mnday\" at position 1 in \"mnday 02:00\"");
    }
}
