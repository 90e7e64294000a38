package dev.underlay.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a poll loop saw of one changing value, each run of equal consecutive samples kept once: the trail of a state
 * machine as an observer outside it sees it. Polling can miss a short-lived state, never reorder two.
 */
public final class SeenStates<T> {

    private final List<T> seen = new ArrayList<>();

    public synchronized void sample(T value) {
        if (seen.isEmpty() || !Objects.equals(seen.get(seen.size() - 1), value)) {
            seen.add(value);
        }
    }

    public synchronized List<T> trail() {
        return List.copyOf(seen);
    }

    /** Whether every state seen appears in {@code order} and they were seen in that order, none twice. */
    @SafeVarargs
    public final synchronized boolean followsOrder(T... order) {
        List<T> expected = List.of(order);
        int last = -1;
        for (T state : seen) {
            int at = expected.indexOf(state);
            if (at <= last) {
                return false;
            }
            last = at;
        }
        return true;
    }
}
