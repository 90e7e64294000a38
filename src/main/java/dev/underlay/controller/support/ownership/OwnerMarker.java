package dev.underlay.controller.support.ownership;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ownership marker the operator puts into the comment of every HA group or rule it creates or adopts:
 * the token {@code underlay.dev/owner=<ProxmoxCluster uid>}, appended to the user's comment after one space.
 *
 * <p>A single whitespace-separated token rather than a separate line, because PVE keeps these comments in a
 * line-based section config; it is found wherever it stands, so a person who appends text in the web UI does not
 * take the object away from the operator. The uid (not the name) makes a re-created resource, or a second
 * ProxmoxCluster pointing at the same Proxmox cluster, a different owner.
 */
public final class OwnerMarker {

    public static final String KEY = "underlay.dev/owner=";
    private static final Pattern TOKEN = Pattern.compile("(?<!\\S)underlay\\.dev/owner=([A-Za-z0-9-]+)(?!\\S)");
    private static final Pattern TOKEN_WITH_SPACE = Pattern.compile("\\s?" + TOKEN.pattern());

    private OwnerMarker() {}

    /**
     * The comment to store: the user's comment (may be null or blank; a marker-like token in it is dropped so that
     * it cannot claim ownership) followed by the marker for {@code uid}.
     */
    public static String mark(String userComment, String uid) {
        String user = userComment(userComment);
        return user.isEmpty() ? KEY + uid : user + " " + KEY + uid;
    }

    /** The uid in the last marker of the comment (the one {@link #mark} appends), if there is one. */
    public static Optional<String> owner(String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(comment);
        String uid = null;
        while (m.find()) {
            uid = m.group(1);
        }
        return Optional.ofNullable(uid);
    }

    public static boolean isOwnedBy(String comment, String uid) {
        return owner(comment).filter(uid::equals).isPresent();
    }

    /** The comment without any marker (and the space {@link #mark} put before it), stripped; never null. */
    public static String userComment(String comment) {
        if (comment == null) {
            return "";
        }
        return TOKEN_WITH_SPACE.matcher(comment).replaceAll("").strip();
    }
}
