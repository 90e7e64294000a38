package dev.underlay.simulator.pve.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One handled request. Parameters are already redacted; the principal is a user or token id,
 * never a secret.
 */
public record JournalEntry(
        Instant at,
        String method,
        String path,
        Map<String, List<String>> params,
        String principal,
        int status,
        Optional<String> upid,
        boolean mutating) {}
