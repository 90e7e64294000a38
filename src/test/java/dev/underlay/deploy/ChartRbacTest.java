package dev.underlay.deploy;

import dev.underlay.deploy.RbacGrants.Grant;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.underlay.deploy.RbacGrants.CLUSTER;
import static dev.underlay.deploy.RbacGrants.grants;
import static dev.underlay.deploy.RbacGrants.named;
import static dev.underlay.deploy.UnderlayChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's permissions, compared with the exact list it needs: nothing missing, nothing extra.
 */
class ChartRbacTest {

    private static final List<String> KINDS = List.of("proxmoxclusters", "cephpools", "talosnodevms", "backuppolicies");

    /** What the reconcilers need wherever they watch Underlay resources. */
    private static Set<Grant> operatorGrants(String scope) {
        Set<Grant> expected = new LinkedHashSet<>();
        expected.addAll(grants(scope, "underlay.dev", KINDS, List.of("get", "list", "watch", "patch", "update")));
        expected.addAll(grants(scope, "underlay.dev", suffixed("/status"), List.of("get", "patch", "update")));
        expected.addAll(grants(scope, "underlay.dev", suffixed("/finalizers"), List.of("update")));
        expected.addAll(grants(scope, "", List.of("secrets"), List.of("get", "list", "watch")));
        expected.addAll(grants(scope, "", List.of("events"), List.of("create", "patch")));
        expected.addAll(grants(scope, "events.k8s.io", List.of("events"), List.of("create", "patch")));
        return expected;
    }

    private static Set<Grant> leaderElectionGrants() {
        Set<Grant> expected = new LinkedHashSet<>();
        expected.addAll(grants(NAMESPACE, "coordination.k8s.io", List.of("leases"), List.of("create")));
        expected.addAll(named(
                NAMESPACE, "coordination.k8s.io", List.of("leases"), "underlay-operator", List.of("get", "update")));
        return expected;
    }

    private static Set<Grant> nodeGrants(boolean maintenance) {
        Set<Grant> expected = new LinkedHashSet<>();
        expected.addAll(grants(CLUSTER, "", List.of("nodes"), List.of("get", "list", "watch")));
        if (maintenance) {
            expected.addAll(grants(CLUSTER, "", List.of("nodes"), List.of("patch")));
            expected.addAll(grants(CLUSTER, "", List.of("pods"), List.of("list")));
            expected.addAll(grants(CLUSTER, "", List.of("pods/eviction"), List.of("create")));
        }
        return expected;
    }

    private static List<String> suffixed(String subresource) {
        return KINDS.stream().map(kind -> kind + subresource).collect(Collectors.toList());
    }

    private static Set<Grant> union(Set<Grant>... parts) {
        Set<Grant> all = new LinkedHashSet<>();
        for (Set<Grant> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @Test
    void defaultsGrantExactlyTheOperatorsNeedsClusterWide() {
        Manifests manifests = UnderlayChart.render();

        assertThat(RbacGrants.boundTo(manifests, "underlay", NAMESPACE))
                .containsExactlyInAnyOrderElementsOf(
                        union(operatorGrants(CLUSTER), nodeGrants(true), leaderElectionGrants()));
    }

    @Test
    void noRuleUsesWildcardsNonResourceUrlsOrAggregation() {
        for (Manifests manifests : List.of(UnderlayChart.render(), UnderlayChart.render("values-custom.yaml"))) {
            List<PolicyRule> rules = RbacGrants.allRules(manifests);
            assertThat(rules).isNotEmpty().allSatisfy(rule -> {
                assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate", "deletecollection");
                assertThat(rule.getResources()).doesNotContain("*");
                assertThat(rule.getApiGroups()).doesNotContain("*");
                assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            });
            assertThat(manifests.ofType(ClusterRole.class))
                    .allSatisfy(role -> assertThat(role.getAggregationRule()).isNull());
        }
    }

    @Test
    void secretsAreReadOnlyAndNothingIsEverDeleted() {
        Set<Grant> all = RbacGrants.boundTo(UnderlayChart.render(), "underlay", NAMESPACE);

        assertThat(all)
                .filteredOn(g -> g.resource().equals("secrets"))
                .extracting(Grant::verb)
                .containsOnly("get", "list", "watch");
        assertThat(all).extracting(Grant::verb).doesNotContain("delete", "deletecollection");
        // the operator never creates or deletes the users' custom resources
        assertThat(all)
                .filteredOn(g -> g.apiGroup().equals("underlay.dev"))
                .extracting(Grant::verb)
                .doesNotContain("create");
    }

    @Test
    void watchedNamespacesGetRolesAndNothingOfTheOperatorsRulesIsClusterWide() {
        Manifests manifests = UnderlayChart.render("values-custom.yaml");

        assertThat(RbacGrants.boundTo(manifests, "underlay-operator", NAMESPACE))
                .containsExactlyInAnyOrderElementsOf(union(
                        operatorGrants("homelab"), operatorGrants("lab"), nodeGrants(true), leaderElectionGrants()));
        assertThat(manifests.ofType(ClusterRole.class))
                .extracting(r -> r.getMetadata().getName())
                .containsExactly("underlay-nodes");
        assertThat(manifests.ofType(Role.class))
                .extracting(
                        r -> r.getMetadata().getName() + "@" + r.getMetadata().getNamespace())
                .containsExactlyInAnyOrder(
                        "underlay@homelab", "underlay@lab", "underlay-leader-election@underlay-system");
        assertThat(manifests.ofType(RoleBinding.class))
                .extracting(
                        b -> b.getMetadata().getName() + "@" + b.getMetadata().getNamespace())
                .containsExactlyInAnyOrder(
                        "underlay@homelab", "underlay@lab", "underlay-leader-election@underlay-system");
    }

    @Test
    void withoutNodeMaintenanceTheOperatorOnlyReadsNodes() {
        Manifests manifests = UnderlayChart.render(Map.of("rbac.nodeMaintenance", false));

        assertThat(RbacGrants.boundTo(manifests, "underlay", NAMESPACE))
                .containsExactlyInAnyOrderElementsOf(
                        union(operatorGrants(CLUSTER), nodeGrants(false), leaderElectionGrants()));
    }

    @Test
    void rbacCanBeLeftToTheUser() {
        Manifests manifests = UnderlayChart.render(Map.of("rbac.create", false));

        assertThat(manifests.ofType(ClusterRole.class)).isEmpty();
        assertThat(manifests.ofType(ClusterRoleBinding.class)).isEmpty();
        assertThat(manifests.ofType(Role.class)).isEmpty();
        assertThat(manifests.ofType(RoleBinding.class)).isEmpty();
    }
}
