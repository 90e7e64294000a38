package dev.underlay.api;

import dev.underlay.api.schema.ApiServerValidation;
import dev.underlay.api.schema.CelRuleEvaluator;
import dev.underlay.api.schema.CelRuleEvaluator.Outcome;
import dev.underlay.api.schema.CelRuleEvaluator.RuleId;
import dev.underlay.api.schema.CrFixture;
import dev.underlay.api.schema.CrdCatalog;
import dev.underlay.api.schema.ExampleManifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@code x-kubernetes-validations} rule in deploy/crds compiles with standard CEL only, and the test corpus (the
 * examples, created and re-applied unchanged, plus every fixture under src/test/resources/crs) makes each rule pass
 * at least once and fail at least once. A new rule without a case for both fails this test.
 */
class CelRulesTest {

    private static final ApiServerValidation API_SERVER = ApiServerValidation.deployed();
    private static final Map<RuleId, Set<Outcome>> OUTCOMES = new HashMap<>();

    @BeforeAll
    static void runCorpus() {
        List<ApiServerValidation.Result> results = new ArrayList<>();
        for (ExampleManifests.Manifest manifest : ExampleManifests.customResources(API_SERVER.crds())) {
            results.add(API_SERVER.create(manifest.object()));
            results.add(API_SERVER.update(manifest.object(), manifest.object()));
        }
        for (String folder : List.of("valid", "invalid")) {
            CrFixture.in(folder).forEach(fixture -> results.add(fixture.submit(API_SERVER)));
        }
        results.stream()
                .flatMap(r -> r.ruleResults().stream())
                .forEach(r -> OUTCOMES.computeIfAbsent(r.rule(), id -> EnumSet.noneOf(Outcome.class))
                        .add(r.outcome()));
    }

    private static List<RuleId> allRules() {
        return API_SERVER.crds().all().stream()
                .flatMap(crd -> CelRuleEvaluator.rulesOf(crd).stream())
                .toList();
    }

    private static boolean isTransition(RuleId rule) {
        return API_SERVER.cel().isTransitionRule(API_SERVER.crds().byKind(rule.kind()), rule);
    }

    @Test
    void everyRuleTypeChecksAgainstItsSchemaNodeWithStandardCelAndHasAMessage() {
        List<RuleId> rules = allRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(20);
        assertThat(rules).allSatisfy(rule -> {
            assertThat(API_SERVER.cel().syntaxTree(API_SERVER.crds().byKind(rule.kind()), rule))
                    .as(rule.toString())
                    .isNotNull();
            assertThat(rule.message()).as(rule.toString()).isNotBlank();
        });
    }

    @Test
    void everyRulePassesAndFailsSomewhereInTheCorpus() {
        List<String> missing = new ArrayList<>();
        for (RuleId rule : allRules()) {
            Set<Outcome> seen = OUTCOMES.getOrDefault(rule, Set.of());
            if (!seen.contains(Outcome.PASSED)) {
                missing.add("never passes: " + rule);
            }
            if (!seen.contains(Outcome.FAILED)) {
                missing.add("never fails: " + rule);
            }
        }
        assertThat(missing)
                .as("add a fixture under src/test/resources/crs for each")
                .isEmpty();
    }

    @Test
    void aRuleThatMisspellsAFieldOrMixesTypesDoesNotCompile() {
        CrdCatalog.Crd crd = API_SERVER.crds().byKind("CephPool");
        for (String broken : List.of("self.minSise <= self.size", "self.poolName == 3", "self.size.exists(s, s > 1)")) {
            RuleId rule = new RuleId("CephPool", "spec", broken, "broken");
            assertThatThrownBy(() -> API_SERVER.cel().syntaxTree(crd, rule))
                    .as(broken)
                    .hasMessageContaining("does not compile");
        }
    }

    @Test
    void noRuleEverErrors() {
        assertThat(OUTCOMES.entrySet())
                .allSatisfy(entry -> assertThat(entry.getValue())
                        .as(entry.getKey().toString())
                        .doesNotContain(Outcome.ERROR));
    }

    @Test
    void transitionRulesAreTheImmutabilityAndGrowOnlyRules() {
        List<String> transition = allRules().stream()
                .filter(CelRulesTest::isTransition)
                .map(r -> r.kind() + " " + r.schemaPath() + ": " + r.message())
                .toList();
        assertThat(transition)
                .containsExactlyInAnyOrder(
                        "CephPool spec: poolName is immutable",
                        "CephPool spec: clusterRef is immutable",
                        "TalosNodeVM spec: vmid is immutable once set",
                        "TalosNodeVM spec: clusterRef is immutable",
                        "TalosNodeVM spec: disks cannot be removed: a disk holds data",
                        "TalosNodeVM spec.disks[]: disks can only grow: sizeGiB may not decrease",
                        "TalosNodeVM spec.disks[]: the storage of an existing disk slot is immutable",
                        "BackupPolicy spec: clusterRef is immutable");
    }

    @Test
    void transitionRulesAreNotEvaluatedOnCreate() {
        CrdCatalog.Crd crd = API_SERVER.crds().byKind("TalosNodeVM");
        var vm = ExampleManifests.customResources(API_SERVER.crds()).stream()
                .filter(m -> m.kind().equals("TalosNodeVM"))
                .findFirst()
                .orElseThrow()
                .object();
        List<CelRuleEvaluator.RuleResult> onCreate = API_SERVER.cel().evaluate(crd, vm, null);
        List<CelRuleEvaluator.RuleResult> onUpdate = API_SERVER.cel().evaluate(crd, vm, vm);
        assertThat(onCreate).noneMatch(r -> isTransition(r.rule()));
        assertThat(onUpdate)
                .anyMatch(r -> r.rule().message().equals("disks can only grow: sizeGiB may not decrease"))
                .hasSizeGreaterThan(onCreate.size());
    }
}
