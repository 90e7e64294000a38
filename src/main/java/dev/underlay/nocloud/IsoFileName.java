package dev.underlay.nocloud;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A root-directory file name in its two spellings: the POSIX name readers see through Rock Ridge ({@code user-data}),
 * and the ISO 9660 file identifier ({@code USER-DATA.;1}).
 *
 * <p>The identifier keeps {@code -}, which is not a d-character, and is longer than level 1's 8.3 (genisoimage calls
 * this {@code -relaxed-filenames} with level 2 lengths). Strict d-characters would turn {@code user-data} into
 * {@code USER_DAT.;1}; kept this way, a reader that ignores Rock Ridge but maps names the way Linux does by default
 * ({@code map=normal}: lower case, drop {@code .;1}) still finds {@code user-data}.
 */
public record IsoFileName(String posixName) {

    /** ISO 9660 level 2 allows 30 characters for name plus extension; {@code .;1} comes on top. */
    static final int MAX_LENGTH = 30;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?");

    /** ECMA-119 9.3: records are ordered by name, then extension, each as if padded with spaces, then version. */
    static final Comparator<IsoFileName> ISO_ORDER =
            Comparator.comparing(IsoFileName::isoName).thenComparing(IsoFileName::isoExtension);

    public IsoFileName {
        if (posixName == null
                || posixName.isEmpty()
                || posixName.length() > MAX_LENGTH
                || !ALLOWED.matcher(posixName).matches()) {
            throw new IllegalArgumentException("ISO file name must be 1-" + MAX_LENGTH
                    + " characters of A-Z a-z 0-9 _ - with at most one inner '.': " + posixName);
        }
    }

    public static IsoFileName of(String posixName) {
        return new IsoFileName(posixName);
    }

    /** The ISO 9660 file identifier, e.g. {@code USER-DATA.;1}. */
    String identifier() {
        return isoName() + "." + isoExtension() + ";1";
    }

    byte[] identifierBytes() {
        return identifier().getBytes(StandardCharsets.US_ASCII);
    }

    byte[] posixNameBytes() {
        return posixName.getBytes(StandardCharsets.US_ASCII);
    }

    /** Two names the ISO 9660 identifier cannot tell apart (they differ in case only). */
    boolean clashesWith(IsoFileName other) {
        return identifier().equals(other.identifier());
    }

    private String upper() {
        return posixName.toUpperCase(Locale.ROOT);
    }

    private String isoName() {
        String upper = upper();
        int dot = upper.indexOf('.');
        return dot < 0 ? upper : upper.substring(0, dot);
    }

    private String isoExtension() {
        String upper = upper();
        int dot = upper.indexOf('.');
        return dot < 0 ? "" : upper.substring(dot + 1);
    }
}
