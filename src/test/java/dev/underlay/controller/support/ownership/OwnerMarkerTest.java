package dev.underlay.controller.support.ownership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerMarkerTest {

    private static final String UID = "6f0c1a52-8d1e-4a7b-9c55-0e2f4b7d9a10";
    private static final String OTHER = "0b7f3e11-2c4d-4e6f-8a9b-1c2d3e4f5a6b";
    private static final OwnerMarker.Owner HOMELAB = new OwnerMarker.Owner("underlay", "infra", "homelab", UID);
    private static final String MARKER = "underlay.dev/owner=underlay/infra/homelab";

    @Test
    void appendsTheMarkerToTheUsersCommentAndReadsItBack() {
        String comment = OwnerMarker.mark("Talos control plane", HOMELAB);

        assertThat(comment).isEqualTo("Talos control plane " + MARKER);
        assertThat(OwnerMarker.owner(comment)).contains("underlay/infra/homelab");
        assertThat(OwnerMarker.isOwnedBy(comment, HOMELAB)).isTrue();
        assertThat(OwnerMarker.userComment(comment)).isEqualTo("Talos control plane");
    }

    @Test
    void theSameNamespaceAndNameWithANewUidStillOwnIt() {
        String comment = OwnerMarker.mark("control plane", HOMELAB);
        OwnerMarker.Owner restored = new OwnerMarker.Owner("underlay", "infra", "homelab", OTHER);

        assertThat(OwnerMarker.isOwnedBy(comment, restored)).isTrue();
    }

    @Test
    void anotherOperatorIdOrAnotherResourceDoesNotOwnIt() {
        String comment = OwnerMarker.mark("control plane", HOMELAB);

        assertThat(OwnerMarker.isOwnedBy(comment, new OwnerMarker.Owner("lab-b", "infra", "homelab", UID)))
                .as("the uid only counts for markers in the old form")
                .isFalse();
        assertThat(OwnerMarker.isOwnedBy(comment, new OwnerMarker.Owner("underlay", "infra", "other", null)))
                .isFalse();
        assertThat(OwnerMarker.isOwnedBy(comment, new OwnerMarker.Owner("underlay", "lab", "homelab", null)))
                .isFalse();
    }

    @Test
    void markersOfEarlierVersionsCountForTheResourceWithThatUid() {
        String legacy = "Talos control plane underlay.dev/owner=" + UID;

        assertThat(OwnerMarker.isOwnedBy(legacy, HOMELAB)).isTrue();
        assertThat(OwnerMarker.isOwnedBy(legacy, new OwnerMarker.Owner("underlay", "infra", "homelab", OTHER)))
                .isFalse();
        assertThat(OwnerMarker.userComment(legacy)).isEqualTo("Talos control plane");
        assertThat(OwnerMarker.mark(OwnerMarker.userComment(legacy), HOMELAB))
                .isEqualTo("Talos control plane " + MARKER);
    }

    @Test
    void theOwnerIdMustBeADnsLabel() {
        assertThatThrownBy(() -> new OwnerMarker.Owner("Lab_B", "infra", "homelab", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner id 'Lab_B' is not a DNS label");
    }

    @Test
    void withoutAUserCommentTheMarkerIsTheWholeComment() {
        assertThat(OwnerMarker.mark(null, HOMELAB)).isEqualTo(MARKER);
        assertThat(OwnerMarker.mark("  ", HOMELAB)).isEqualTo(MARKER);
        assertThat(OwnerMarker.userComment(MARKER)).isEmpty();
    }

    @Test
    void textAPersonAppendsAfterTheMarkerKeepsTheOwnerButCountsAsComment() {
        String edited = OwnerMarker.mark("db hosts", HOMELAB) + " (moved to rack 2)";

        assertThat(OwnerMarker.isOwnedBy(edited, HOMELAB)).isTrue();
        assertThat(OwnerMarker.userComment(edited)).isEqualTo("db hosts (moved to rack 2)");
    }

    @Test
    void commentsWithoutMarkerOrWithLookAlikesHaveNoOwner() {
        assertThat(OwnerMarker.owner(null)).isEmpty();
        assertThat(OwnerMarker.owner("made by hand")).isEmpty();
        assertThat(OwnerMarker.owner("see x" + MARKER)).isEmpty();
        assertThat(OwnerMarker.owner(MARKER + ",x")).isEmpty();
        assertThat(OwnerMarker.owner("underlay.dev/owner=" + UID + ",x")).isEmpty();
        assertThat(OwnerMarker.userComment(null)).isEmpty();
    }

    @Test
    void theLastMarkerDecidesAndAMarkerInTheUsersCommentIsDropped() {
        String comment = OwnerMarker.mark("copied underlay.dev/owner=" + OTHER + " text", HOMELAB);

        assertThat(comment).isEqualTo("copied text " + MARKER);
        assertThat(OwnerMarker.owner("a underlay.dev/owner=" + OTHER + " b " + MARKER))
                .contains("underlay/infra/homelab");
    }
}
