package dev.underlay.controller.support.ownership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerMarkerTest {

    private static final String UID = "6f0c1a52-8d1e-4a7b-9c55-0e2f4b7d9a10";
    private static final String OTHER = "0b7f3e11-2c4d-4e6f-8a9b-1c2d3e4f5a6b";

    @Test
    void appendsTheMarkerToTheUsersCommentAndReadsItBack() {
        String comment = OwnerMarker.mark("Talos control plane", UID);

        assertThat(comment).isEqualTo("Talos control plane underlay.dev/owner=" + UID);
        assertThat(OwnerMarker.owner(comment)).contains(UID);
        assertThat(OwnerMarker.isOwnedBy(comment, UID)).isTrue();
        assertThat(OwnerMarker.isOwnedBy(comment, OTHER)).isFalse();
        assertThat(OwnerMarker.userComment(comment)).isEqualTo("Talos control plane");
    }

    @Test
    void withoutAUserCommentTheMarkerIsTheWholeComment() {
        assertThat(OwnerMarker.mark(null, UID)).isEqualTo("underlay.dev/owner=" + UID);
        assertThat(OwnerMarker.mark("  ", UID)).isEqualTo("underlay.dev/owner=" + UID);
        assertThat(OwnerMarker.userComment("underlay.dev/owner=" + UID)).isEmpty();
    }

    @Test
    void textAPersonAppendsAfterTheMarkerKeepsTheOwnerButCountsAsComment() {
        String edited = OwnerMarker.mark("db hosts", UID) + " (moved to rack 2)";

        assertThat(OwnerMarker.owner(edited)).contains(UID);
        assertThat(OwnerMarker.userComment(edited)).isEqualTo("db hosts (moved to rack 2)");
    }

    @Test
    void commentsWithoutMarkerOrWithLookAlikesHaveNoOwner() {
        assertThat(OwnerMarker.owner(null)).isEmpty();
        assertThat(OwnerMarker.owner("made by hand")).isEmpty();
        assertThat(OwnerMarker.owner("see xunderlay.dev/owner=" + UID)).isEmpty();
        assertThat(OwnerMarker.owner("underlay.dev/owner=" + UID + ",x")).isEmpty();
        assertThat(OwnerMarker.userComment(null)).isEmpty();
    }

    @Test
    void theLastMarkerDecidesAndAMarkerInTheUsersCommentIsDropped() {
        String comment = OwnerMarker.mark("copied underlay.dev/owner=" + OTHER + " text", UID);

        assertThat(comment).isEqualTo("copied text underlay.dev/owner=" + UID);
        assertThat(OwnerMarker.owner("a underlay.dev/owner=" + OTHER + " b underlay.dev/owner=" + UID))
                .contains(UID);
    }
}
