package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.controller.support.ha.HaPlacement;
import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.NodePriority;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HaPlacementTest {

    @Test
    void listsInAnyOrderAreTheSamePlacementBecausePveDoesNotKeepTheOrder() {
        HaPlacement a = HaPlacement.of(
                new HaGroup("g", NodePriority.parseList("pve-b:1,pve-a:2"), true, false, "c", "digest-1"));
        HaPlacement b = HaPlacement.of(
                new HaGroup("g", NodePriority.parseList("pve-a:2,pve-b:1"), true, false, "c", "digest-2"));

        assertThat(a).isEqualTo(b);
        assertThat(HaPlacement.format(a.nodes())).isEqualTo("pve-a:2,pve-b:1");
    }

    @Test
    void resourcesSortByTypeThenNumber() {
        HaPlacement rule = HaPlacement.of(new HaRule(
                "r",
                HaRule.Type.NODE_AFFINITY,
                List.of("vm:1000", "vm:99", "ct:5", "vm:101", "vm:99"),
                NodePriority.parseList("pve-a"),
                null,
                null,
                null,
                null,
                1,
                "d"));

        assertThat(rule.resources()).containsExactly("ct:5", "vm:99", "vm:101", "vm:1000");
        assertThat(rule.placesOnNodes()).isTrue();
        assertThat(rule.restricted()).isFalse();
    }

    @Test
    void differencesNameEachFieldAndIgnoreTheMarker() {
        HaPlacement actual = new HaPlacement(
                "g",
                null,
                NodePriority.parseList("pve-a"),
                false,
                false,
                List.of(),
                "old underlay.dev/owner=u-1",
                false);
        HaPlacement desired = new HaPlacement(
                "g",
                null,
                NodePriority.parseList("pve-a:2,pve-b"),
                true,
                true,
                List.of(),
                "new underlay.dev/owner=u-2",
                false);

        assertThat(HaDifferences.between(desired, actual))
                .containsExactly(
                        "nodes pve-a -> pve-a:2,pve-b",
                        "restricted false -> true",
                        "nofailback false -> true",
                        "comment 'old' -> 'new'");
        assertThat(HaDifferences.between(actual.withComment("old"), actual)).isEmpty();
    }
}
