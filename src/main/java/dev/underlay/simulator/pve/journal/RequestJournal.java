package dev.underlay.simulator.pve.journal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The last requests the simulator handled, for tests that count external calls and for the
 * failure dump. Bounded, thread-safe, and free of secrets: values of password-like parameters
 * are replaced before an entry is stored.
 */
public final class RequestJournal {

    public static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_PARAMS = Set.of(
            "password",
            "new-password",
            "cipassword",
            "otp",
            "tfa-challenge",
            "secret",
            "keyring",
            "encryption-key",
            "master-pubkey",
            "fingerprint-secret",
            "ticket");

    private final int capacity;
    private final Deque<JournalEntry> entries = new ArrayDeque<>();

    public RequestJournal(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void record(
            Instant at,
            String method,
            String path,
            Map<String, List<String>> params,
            String principal,
            int status,
            Optional<String> upid) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(
                new JournalEntry(at, method, path, redact(params), principal, status, upid, !"GET".equals(method)));
    }

    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<JournalEntry> matching(Predicate<JournalEntry> filter) {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** How many requests with this method went to paths starting with {@code pathPrefix}. */
    public synchronized long count(String method, String pathPrefix) {
        return entries.stream()
                .filter(e -> e.method().equals(method) && e.path().startsWith(pathPrefix))
                .count();
    }

    public synchronized void clear() {
        entries.clear();
    }

    static Map<String, List<String>> redact(Map<String, List<String>> params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, isSecret(k) ? List.of(REDACTED) : List.copyOf(v)));
        return Map.copyOf(out);
    }

    static boolean isSecret(String param) {
        return SECRET_PARAMS.contains(param) || param.contains("password") || param.contains("secret");
    }
}
