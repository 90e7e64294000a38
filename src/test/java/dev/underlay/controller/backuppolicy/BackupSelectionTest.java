package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.api.v1alpha1.backuppolicy.RetentionSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;
import dev.underlay.controller.support.ownership.OwnerMarker;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The label selector resolved to VMIDs, the retention as the job carries it, and the job id. */
class BackupSelectionTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{matchLabels: {criticality: critical}}                                        | [101, 103]",
                "{matchLabels: {criticality: critical, role: cp}}                              | [101]",
                "{matchExpressions: [{key: criticality, operator: In, values: [critical, high]}]} | [101, 102, 103]",
                "{matchExpressions: [{key: criticality, operator: NotIn, values: [critical]}]} | [102, 104]",
                "{matchExpressions: [{key: role, operator: Exists}]}                           | [101, 102]",
                "{matchExpressions: [{key: role, operator: DoesNotExist}]}                     | [103, 104]",
                "{matchLabels: {criticality: none}}                                            | []",
            })
    void talosNodeVmSelectorBecomesTheirVmids(String selector, String expected) {
        BackupPolicySpec spec = SERIALIZATION.unmarshal("""
                clusterRef: {name: homelab}
                schedule: "*-*-01 04:00"
                selector: {talosNodeVMSelector: %s}
                storage: offsite
                retention: {keepMonthly: 6}
                """.formatted(selector), BackupPolicySpec.class);
        List<TalosNodeVM> vms = List.of(
                vm("cp-01", 101, null, "criticality: critical, role: cp"),
                vm("cp-02", null, 102, "criticality: high, role: cp"),
                vm("db-01", 103, null, "criticality: critical"),
                vm("worker", 104, null, "tier: batch"),
                vm("not-yet", null, null, "criticality: critical"));

        BackupSelection selection = BackupSelection.resolve(spec, vms);

        assertThat(selection.vmids()).hasToString(expected);
        assertThat(selection.isEmpty()).isEqualTo(expected.equals("[]"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{keepDaily: 7}                             | keep-daily=7",
                "{keepLast: 0, keepWeekly: 4, keepDaily: 7} | keep-daily=7,keep-weekly=4",
                "{keepMonthly: 6, keepYearly: 2}            | keep-monthly=6,keep-yearly=2",
                "{keepAll: true}                            | keep-all=1",
            })
    void keepIsThePruneBackupsString(String retention, String expected) {
        assertThat(BackupJobMapping.keep(
                        SERIALIZATION.unmarshal("# flow-style YAML, not JSON\n" + retention, RetentionSpec.class)))
                .isEqualTo(expected);
    }

    @Test
    void jobIdFollowsTheOwnerNotTheUidAndIsAPveConfigId() {
        String id = BackupJobMapping.jobIdFor(new OwnerMarker.Owner("underlay", "infra", "daily.production", "uid-a"));

        assertThat(id)
                .matches("underlay-[0-9a-f]{20}")
                .isEqualTo(BackupJobMapping.jobIdFor(
                        new OwnerMarker.Owner("underlay", "infra", "daily.production", "uid-b")))
                .isNotEqualTo(BackupJobMapping.jobIdFor(
                        new OwnerMarker.Owner("lab-b", "infra", "daily.production", "uid-a")));
    }

    private static TalosNodeVM vm(String name, Integer specVmid, Integer statusVmid, String labels) {
        TalosNodeVM vm = SERIALIZATION.unmarshal(
                """
                apiVersion: underlay.dev/v1alpha1
                kind: TalosNodeVM
                metadata: {name: %s, namespace: infra, labels: {%s}}
                spec: {clusterRef: {name: homelab}%s}
                """.formatted(name, labels, specVmid == null ? "" : ", vmid: " + specVmid), TalosNodeVM.class);
        if (statusVmid != null) {
            TalosNodeVMStatus status = new TalosNodeVMStatus();
            status.setVmid(statusVmid);
            vm.setStatus(status);
        }
        return vm;
    }
}
