package dev.underlay.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A set of gauges refreshed as a whole: between {@link #begin()} and {@link #end()} every series that still exists is
 * set; the series not set in a round (a deleted guest, a node that left, a lock released) are removed from the
 * registry, so Prometheus never keeps reporting what is gone.
 */
final class GaugeSeries {

    private final MeterRegistry registry;
    private final Map<Key, Value> live = new HashMap<>();
    private final Set<Key> touched = new HashSet<>();

    GaugeSeries(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void begin() {
        touched.clear();
    }

    synchronized void set(String name, String description, Tags tags, double value) {
        Key key = new Key(name, tags);
        Value holder = live.get(key);
        if (holder == null) {
            holder = new Value();
            holder.gauge = Gauge.builder(name, holder, Value::get)
                    .description(description)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            live.put(key, holder);
        }
        holder.value = value;
        touched.add(key);
    }

    synchronized void end() {
        Iterator<Map.Entry<Key, Value>> entries = live.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Key, Value> entry = entries.next();
            if (!touched.contains(entry.getKey())) {
                registry.remove(entry.getValue().gauge);
                entries.remove();
            }
        }
    }

    /** Removes every series of this set. */
    synchronized void clear() {
        begin();
        end();
    }

    synchronized int size() {
        return live.size();
    }

    private record Key(String name, Tags tags) {}

    private static final class Value {
        private volatile double value;
        private Gauge gauge;

        double get() {
            return value;
        }
    }
}
