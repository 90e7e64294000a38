package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.PveError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code digest} of a section config file ({@code storage.cfg}, {@code ha/resources.cfg}, {@code ha/rules.cfg},
 * {@code ha/groups.cfg}). PVE hashes the whole file, so every entry read from it carries the same digest and a change
 * to any entry makes all digests read before it stale; an update sent with a stale one is refused
 * ({@code PVE::SectionConfig::assert_if_modified}). A guest config file has its own digest
 * ({@code VmService#digest}) but is refused with the same check.
 */
final class ConfigDigest {

    private ConfigDigest() {}

    static String of(Object fileContent) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(String.valueOf(fileContent).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses the call when it carries a {@code digest} that is not {@code current}. */
    static void check(Call c, String current) {
        String given = c.opt("digest").orElse(null);
        if (given != null && !given.equals(current)) {
            throw PveError.die("detected modified configuration - file changed by other user? Try again.");
        }
    }
}
