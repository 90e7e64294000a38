package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.controller.support.ha.HaPlacement;
import dev.underlay.controller.support.ownership.OwnerMarker;

import java.util.ArrayList;
import java.util.List;

/** What differs between the desired and the actual group/rule, in words for the status message. */
final class HaDifferences {

    private static final int COMMENT_SHOWN = 60;

    private HaDifferences() {}

    /**
     * Differences a user would care about; the ownership marker is not one of them (comments are compared without
     * it). Group-only fields are compared for groups, rule-only fields for rules.
     */
    static List<String> between(HaPlacement desired, HaPlacement actual) {
        List<String> out = new ArrayList<>();
        if (!desired.nodes().equals(actual.nodes())) {
            out.add("nodes " + HaPlacement.format(actual.nodes()) + " -> " + HaPlacement.format(desired.nodes()));
        }
        if (desired.restricted() != actual.restricted()) {
            out.add((desired.isGroup() ? "restricted " : "strict ") + actual.restricted() + " -> "
                    + desired.restricted());
        }
        if (desired.isGroup() && desired.noFailback() != actual.noFailback()) {
            out.add("nofailback " + actual.noFailback() + " -> " + desired.noFailback());
        }
        if (!desired.isGroup() && !desired.resources().equals(actual.resources())) {
            out.add("resources " + list(actual.resources()) + " -> " + list(desired.resources()));
        }
        if (!desired.isGroup() && desired.disabled() != actual.disabled()) {
            out.add("disable " + actual.disabled() + " -> " + desired.disabled());
        }
        String desiredComment = OwnerMarker.userComment(desired.comment());
        String actualComment = OwnerMarker.userComment(actual.comment());
        if (!desiredComment.equals(actualComment)) {
            out.add("comment '" + shorten(actualComment) + "' -> '" + shorten(desiredComment) + "'");
        }
        return out;
    }

    static String list(List<String> items) {
        return items.isEmpty() ? "(none)" : String.join(",", items);
    }

    private static String shorten(String text) {
        return text.length() <= COMMENT_SHOWN ? text : text.substring(0, COMMENT_SHOWN - 3) + "...";
    }
}
