package dev.underlay.controller.support.ownership;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ownership marker the operator puts into the comment of every object it creates or adopts on Proxmox (HA groups
 * and rules today): the token {@code underlay.dev/owner=<operator id>/<namespace>/<name>}, appended to the user's
 * comment after one space.
 *
 * <p>A single whitespace-separated token rather than a separate line, because PVE keeps these comments in a
 * line-based section config; it is found wherever it stands, so a person who appends text in the web UI does not
 * take the object away from the operator.
 *
 * <p>The owner is the resource's namespace/name under a configurable operator id ({@code underlay.operator.owner-id},
 * the Helm value {@code ownerId}), not its uid: a Kubernetes cluster rebuilt from backups, Velero or Argo CD
 * re-creating the resource gives it a new uid, and its objects must stay its own. Two operator installations that
 * manage one Proxmox cluster need different owner ids, and then never touch each other's objects. Markers of earlier
 * versions ({@code underlay.dev/owner=<uid>}) still count for the resource with that uid, and are rewritten to the
 * new form on the next write.
 */
public final class OwnerMarker {

    public static final String KEY = "underlay.dev/owner=";
    private static final Pattern TOKEN = Pattern.compile(
            "(?<!\\S)underlay\\.dev/owner=([A-Za-z0-9-]+(?:/[a-z0-9][a-z0-9.-]*/[a-z0-9][a-z0-9.-]*)?)(?!\\S)");
    private static final Pattern TOKEN_WITH_SPACE = Pattern.compile("\\s?" + TOKEN.pattern());

    private OwnerMarker() {}

    /**
     * Who owns an object: this operator's id and the resource's namespace/name; {@code uid} only recognises the
     * markers earlier versions wrote (may be null).
     */
    public record Owner(String operatorId, String namespace, String name, String uid) {

        public Owner {
            if (operatorId == null || !operatorId.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException("owner id '" + operatorId + "' is not a DNS label "
                        + "(lower-case letters, digits and '-', at most 63)");
            }
        }

        /** What the marker says after {@code underlay.dev/owner=}. */
        public String token() {
            return operatorId + "/" + namespace + "/" + name;
        }

        @Override
        public String toString() {
            return token();
        }
    }

    /**
     * The comment to store: the user's comment (may be null or blank; a marker-like token in it is dropped so that
     * it cannot claim ownership) followed by the marker for {@code owner}.
     */
    public static String mark(String userComment, Owner owner) {
        String user = userComment(userComment);
        return user.isEmpty() ? KEY + owner.token() : user + " " + KEY + owner.token();
    }

    /** What the last marker of the comment (the one {@link #mark} appends) names, if there is one. */
    public static Optional<String> owner(String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(comment);
        String value = null;
        while (m.find()) {
            value = m.group(1);
        }
        return Optional.ofNullable(value);
    }

    /** Marked for {@code owner}, in today's form or in the uid form of earlier versions. */
    public static boolean isOwnedBy(String comment, Owner owner) {
        return owner(comment)
                .filter(value -> value.equals(owner.token()) || value.equals(owner.uid()))
                .isPresent();
    }

    /** The comment without any marker (and the space {@link #mark} put before it), stripped; never null. */
    public static String userComment(String comment) {
        if (comment == null) {
            return "";
        }
        return TOKEN_WITH_SPACE.matcher(comment).replaceAll("").strip();
    }
}
