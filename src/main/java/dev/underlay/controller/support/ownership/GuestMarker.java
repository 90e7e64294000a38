package dev.underlay.controller.support.ownership;

import dev.underlay.controller.support.ownership.OwnerMarker.Owner;

import java.util.ArrayList;
import java.util.List;

/**
 * The ownership marker on a Proxmox guest: the tag {@value #TAG} and the {@link OwnerMarker} token on a line of its
 * own at the end of the description.
 *
 * <p>Two parts because each answers a different question. The tag shows in {@code /cluster/resources}, so every
 * snapshot tells which guests some Underlay manages without reading a single config (PVE tags allow only
 * {@code [a-z0-9_+.-]}, too narrow for namespace/name). The description names the owner exactly, and is what decides:
 * a guest is ours only when its description carries our token, so a copied tag claims nothing.
 */
public final class GuestMarker {

    public static final String TAG = "underlay-owned";

    private GuestMarker() {}

    /** The user's tags plus the marker tag, in order and without duplicates. */
    public static List<String> tags(List<String> userTags) {
        List<String> tags = new ArrayList<>();
        for (String tag : userTags == null ? List.<String>of() : userTags) {
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        if (!tags.contains(TAG)) {
            tags.add(TAG);
        }
        return tags;
    }

    /** The tags without the marker tag. */
    public static List<String> withoutMarker(List<String> tags) {
        return tags == null
                ? List.of()
                : tags.stream().filter(tag -> !TAG.equals(tag)).toList();
    }

    public static boolean tagged(List<String> tags) {
        return tags != null && tags.contains(TAG);
    }

    /** The description to store: the user's text (markers dropped), then the owner token on the last line. */
    public static String description(String current, Owner owner) {
        String user = OwnerMarker.userComment(current);
        return user.isEmpty() ? OwnerMarker.KEY + owner.token() : user + "\n" + OwnerMarker.KEY + owner.token();
    }

    /** The description without any marker; empty when nothing else was in it. */
    public static String unmarkedDescription(String current) {
        return OwnerMarker.userComment(current);
    }

    /** What the description says about ownership. */
    public static Ownership ownership(String description, Owner owner) {
        if (OwnerMarker.isOwnedBy(description, owner)) {
            return Ownership.OURS;
        }
        return OwnerMarker.owner(description).isPresent() ? Ownership.OTHER_OWNER : Ownership.UNMARKED;
    }

    public enum Ownership {
        OURS,
        OTHER_OWNER,
        UNMARKED
    }
}
