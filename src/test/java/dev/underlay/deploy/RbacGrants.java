package dev.underlay.deploy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the rendered RBAC lets the operator's ServiceAccount do, flattened to one {@link Grant} per
 * (scope, API group, resource, resource name, verb), so tests can compare it with an exact list.
 */
final class RbacGrants {

    static final String CLUSTER = "<cluster>";

    /** @param scope {@link #CLUSTER} for ClusterRoles, otherwise the Role's namespace; resourceName "" means any */
    record Grant(String scope, String apiGroup, String resource, String resourceName, String verb) {
        @Override
        public String toString() {
            return scope + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource
                    + (resourceName.isEmpty() ? "" : "[" + resourceName + "]") + " " + verb;
        }
    }

    private RbacGrants() {}

    static Set<Grant> boundTo(Manifests manifests, String serviceAccount, String serviceAccountNamespace) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (ClusterRoleBinding binding : manifests.ofType(ClusterRoleBinding.class)) {
            if (bindsAccount(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
                ClusterRole role =
                        manifests.one(ClusterRole.class, binding.getRoleRef().getName());
                grants.addAll(flatten(CLUSTER, role.getRules()));
            }
        }
        for (RoleBinding binding : manifests.ofType(RoleBinding.class)) {
            if (bindsAccount(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
                String namespace = binding.getMetadata().getNamespace();
                Role role = manifests.ofType(Role.class).stream()
                        .filter(r -> r.getMetadata()
                                .getName()
                                .equals(binding.getRoleRef().getName()))
                        .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(
                                "RoleBinding " + binding.getMetadata().getName() + " in " + namespace
                                        + " refers to a Role that is not rendered"));
                grants.addAll(flatten(namespace, role.getRules()));
            }
        }
        return grants;
    }

    /** The rules as written, for checks on their shape (wildcards, nonResourceURLs). */
    static List<PolicyRule> allRules(Manifests manifests) {
        List<PolicyRule> rules = new ArrayList<>();
        manifests.ofType(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
        manifests.ofType(Role.class).forEach(r -> rules.addAll(r.getRules()));
        return rules;
    }

    static Set<Grant> grants(String scope, String apiGroup, List<String> resources, List<String> verbs) {
        return named(scope, apiGroup, resources, "", verbs);
    }

    static Set<Grant> named(
            String scope, String apiGroup, List<String> resources, String resourceName, List<String> verbs) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (String resource : resources) {
            for (String verb : verbs) {
                grants.add(new Grant(scope, apiGroup, resource, resourceName, verb));
            }
        }
        return grants;
    }

    private static boolean bindsAccount(List<Subject> subjects, String name, String namespace) {
        return subjects.stream()
                .anyMatch(s -> "ServiceAccount".equals(s.getKind())
                        && name.equals(s.getName())
                        && namespace.equals(s.getNamespace()));
    }

    private static List<Grant> flatten(String scope, List<PolicyRule> rules) {
        List<Grant> grants = new ArrayList<>();
        for (PolicyRule rule : rules) {
            List<String> names =
                    rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                            ? List.of("")
                            : rule.getResourceNames();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String name : names) {
                        for (String verb : rule.getVerbs()) {
                            grants.add(new Grant(scope, group, resource, name, verb));
                        }
                    }
                }
            }
        }
        return grants;
    }
}
