package dev.underlay.api;

import dev.underlay.api.schema.ApiServerValidation;
import dev.underlay.api.schema.CrFixture;
import dev.underlay.api.schema.Violation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures under src/test/resources/crs: each invalid one is rejected by exactly the rules its header names (no
 * more, no fewer), each valid one is accepted.
 */
class CrFixturesTest {

    private static final ApiServerValidation API_SERVER = ApiServerValidation.deployed();

    @TestFactory
    Stream<DynamicTest> eachInvalidCustomResourceIsRejectedByTheRuleItNames() {
        return CrFixture.in("invalid").stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.name(), () -> {
                    assertThat(fixture.rejectedBy())
                            .as("an invalid fixture names the rules that reject it")
                            .isNotEmpty();
                    List<Violation> violations = fixture.submit(API_SERVER).violations();
                    List<Violation> unexpected = new ArrayList<>(violations);
                    for (CrFixture.Expectation expected : fixture.rejectedBy()) {
                        Violation match = unexpected.stream()
                                .filter(expected::matches)
                                .findFirst()
                                .orElse(null);
                        assertThat(match)
                                .as("%s: expected a violation %s, got %s", fixture.name(), expected, violations)
                                .isNotNull();
                        unexpected.remove(match);
                    }
                    assertThat(unexpected)
                            .as("%s: violations beyond the ones the header names", fixture.name())
                            .isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> eachValidCustomResourceIsAccepted() {
        return CrFixture.in("valid").stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.name(), () -> {
                    assertThat(fixture.rejectedBy()).isEmpty();
                    assertThat(fixture.submit(API_SERVER).violations())
                            .as(fixture.name())
                            .isEmpty();
                }));
    }

    @Test
    void theInvalidSetCoversEveryKindAndBothOperations() {
        List<CrFixture> invalid = CrFixture.in("invalid");
        assertThat(invalid.stream().map(f -> f.object().path("kind").asText()).distinct())
                .containsExactlyInAnyOrder("ProxmoxCluster", "CephPool", "TalosNodeVM", "BackupPolicy");
        assertThat(invalid).anyMatch(CrFixture::update).anyMatch(f -> !f.update());
        assertThat(invalid.stream()
                        .flatMap(f -> f.rejectedBy().stream())
                        .map(CrFixture.Expectation::keyword)
                        .distinct())
                .contains(
                        "rule",
                        "pattern",
                        "minimum",
                        "maximum",
                        "enum",
                        "required",
                        "type",
                        "x-kubernetes-list-type",
                        "additionalProperties",
                        "minItems",
                        "maxLength");
    }
}
