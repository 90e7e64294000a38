package dev.underlay.deploy;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.underlay.deploy.RepositoryPaths.ARGOCD;
import static dev.underlay.deploy.RepositoryPaths.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Argo CD health checks in deploy/argocd/argocd-cm-health.yaml, run as Argo CD runs them: a Lua chunk with the
 * live object as global {@code obj}, returning {@code {status, message}}.
 */
class ArgoCdHealthChecksTest {

    private static final String PREFIX = "resource.customizations.health.";
    private static final List<String> KINDS = List.of("ProxmoxCluster", "CephPool", "TalosNodeVM", "BackupPolicy");
    /** Reasons no retry resolves, and quorum loss: Argo CD shows Degraded so that a person looks. */
    private static final Set<String> NEEDS_A_PERSON = Set.of(
            ConditionReasons.INVALID_SPEC,
            ConditionReasons.CREDENTIALS_SECRET_INVALID,
            ConditionReasons.SECRET_INVALID,
            ConditionReasons.AUTHENTICATION_FAILED,
            ConditionReasons.PERMISSION_DENIED,
            ConditionReasons.TLS_VERIFICATION_FAILED,
            ConditionReasons.TLS_FINGERPRINT_MISMATCH,
            ConditionReasons.CLUSTER_NAME_MISMATCH,
            ConditionReasons.NODES_MISMATCH,
            ConditionReasons.OWNERSHIP_CONFLICT,
            ConditionReasons.PROXMOX_TASK_FAILED,
            ConditionReasons.QUORUM_LOST,
            ConditionReasons.VMID_UNAVAILABLE,
            ConditionReasons.EXTERNAL_OBJECT_MISSING,
            ConditionReasons.BACKUP_STORAGE_NOT_FOUND,
            ConditionReasons.DELETION_BLOCKED,
            ConditionReasons.CRUSH_RULE_MISSING,
            ConditionReasons.STORAGE_CONFLICT,
            ConditionReasons.DISK_SHRINK_REFUSED);

    @SuppressWarnings("unchecked")
    private static Map<String, String> checks() {
        Map<String, Object> patch = new Yaml().load(read(ARGOCD.resolve("argocd-cm-health.yaml")));
        return (Map<String, String>) patch.get("data");
    }

    private static Health run(String kind, Map<String, Object> object) {
        String script = checks().get(PREFIX + kind);
        assertThat(script).as("health check for " + kind).isNotBlank();
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", lua(object));
        LuaValue result = globals.load(script, kind).call();
        return new Health(
                result.get("status").tojstring(), result.get("message").tojstring());
    }

    private record Health(String status, String message) {}

    @Test
    void everyUnderlayKindHasTheCheck() {
        assertThat(checks())
                .containsKeys(
                        KINDS.stream().map(k -> PREFIX + "underlay.dev_" + k).toArray(String[]::new));
        assertThat(KINDS)
                .allSatisfy(kind -> assertThat(checks().get(PREFIX + "underlay.dev_" + kind))
                        .isEqualTo(checks().get(PREFIX + "underlay.dev_ProxmoxCluster")));
    }

    @Test
    void withoutStatusOrForAnOlderGenerationItIsProgressing() {
        assertThat(run("underlay.dev_CephPool", object(1, null)))
                .isEqualTo(new Health("Progressing", "waiting for the Underlay operator"));
        assertThat(run("underlay.dev_CephPool", object(2, status(1, "True", ConditionReasons.RECONCILED, "ok"))))
                .isEqualTo(new Health("Progressing", "waiting for the operator to reconcile generation 2"));
    }

    @Test
    void readyIsHealthyAndTheReasonIsShown() {
        assertThat(run(
                        "underlay.dev_ProxmoxCluster",
                        object(
                                3,
                                status(
                                        3,
                                        "True",
                                        ConditionReasons.RECONCILED,
                                        "cluster homelab-pve on Proxmox VE 9.1 is quorate and as specified"))))
                .isEqualTo(new Health(
                        "Healthy", "Reconciled: cluster homelab-pve on Proxmox VE 9.1 is quorate and as specified"));
    }

    @Test
    void everyReasonMapsToTheStatusAPersonShouldSee() {
        for (String reason : StringConstants.of(ConditionReasons.class, "")) {
            if (reason.equals(ConditionReasons.RECONCILED) || reason.equals(ConditionReasons.AS_EXPECTED)) {
                continue;
            }
            String expected = NEEDS_A_PERSON.contains(reason)
                    ? "Degraded"
                    : reason.equals(ConditionReasons.NOT_IMPLEMENTED) ? "Suspended" : "Progressing";
            Health health = run("underlay.dev_TalosNodeVM", object(1, status(1, "False", reason, "detail")));
            assertThat(health).as(reason).isEqualTo(new Health(expected, reason + ": detail"));
        }
    }

    @Test
    void theApplicationCheckPassesTheChildApplicationsHealthOn() {
        assertThat(run(
                        "argoproj.io_Application",
                        Map.of(
                                "metadata",
                                Map.of("name", "underlay-operator"),
                                "status",
                                Map.of("health", Map.of("status", "Degraded", "message", "Deployment not available")))))
                .isEqualTo(new Health("Degraded", "Deployment not available"));
        assertThat(run("argoproj.io_Application", Map.of("metadata", Map.of("name", "underlay-operator"))))
                .isEqualTo(new Health("Progressing", ""));
    }

    private static Map<String, Object> object(long generation, Map<String, Object> status) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "underlay.dev/v1alpha1");
        object.put("metadata", Map.of("name", "x", "generation", generation));
        if (status != null) {
            object.put("status", status);
        }
        return object;
    }

    private static Map<String, Object> status(long observedGeneration, String ready, String reason, String message) {
        return Map.of(
                "observedGeneration",
                observedGeneration,
                "conditions",
                List.of(
                        Map.of(
                                "type",
                                "Connected",
                                "status",
                                "True",
                                "reason",
                                ConditionReasons.AS_EXPECTED,
                                "message",
                                ""),
                        Map.of("type", "Ready", "status", ready, "reason", reason, "message", message)));
    }

    /** JSON-shaped Java values as Lua values: maps become tables, lists 1-based arrays. */
    private static LuaValue lua(Object value) {
        if (value instanceof Map<?, ?> map) {
            LuaTable table = new LuaTable();
            map.forEach((k, v) -> table.set(k.toString(), lua(v)));
            return table;
        }
        if (value instanceof List<?> list) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < list.size(); i++) {
                table.set(i + 1, lua(list.get(i)));
            }
            return table;
        }
        if (value instanceof Number number) {
            return LuaValue.valueOf(number.doubleValue());
        }
        if (value instanceof Boolean bool) {
            return LuaValue.valueOf(bool);
        }
        return value == null ? LuaValue.NIL : LuaValue.valueOf(value.toString());
    }
}
