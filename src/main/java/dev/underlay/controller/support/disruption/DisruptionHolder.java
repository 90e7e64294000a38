package dev.underlay.controller.support.disruption;

import dev.underlay.observe.ClusterKey;

import java.util.Optional;

/**
 * Who takes a Kubernetes Node out of service: a node maintenance of a ProxmoxCluster, or the gated restart of one
 * TalosNodeVM. Its {@link #value()} is what the {@link DisruptionMarks} annotation on the Node records, so that after an
 * operator restart, or once the holder is gone, exactly what it took is given back.
 */
public sealed interface DisruptionHolder {

    /** The annotation form; parsed back by {@link #parse}. */
    String value();

    /** For people: "maintenance homelab/homelab:pve-ms01-01", "restart of TalosNodeVM homelab/talos-cp-01". */
    String describe();

    static DisruptionHolder maintenance(ClusterKey cluster, String pveNode) {
        return new Maintenance(cluster, pveNode);
    }

    static DisruptionHolder restart(String namespace, String talosNodeVm) {
        return new Restart(namespace, talosNodeVm);
    }

    static Optional<DisruptionHolder> parse(String text) {
        if (text.startsWith(Restart.PREFIX)) {
            return Restart.parse(text.substring(Restart.PREFIX.length()));
        }
        return Maintenance.parse(text);
    }

    /** {@code <namespace>/<cluster>:<pve-node>}: the form the maintenance marks had before restarts shared them. */
    record Maintenance(ClusterKey cluster, String pveNode) implements DisruptionHolder {

        static Optional<DisruptionHolder> parse(String text) {
            int slash = text.indexOf('/');
            int colon = text.lastIndexOf(':');
            if (slash <= 0 || colon <= slash + 1 || colon == text.length() - 1) {
                return Optional.empty();
            }
            ClusterKey cluster = new ClusterKey(text.substring(0, slash), text.substring(slash + 1, colon));
            return Optional.of(new Maintenance(cluster, text.substring(colon + 1)));
        }

        @Override
        public String value() {
            return cluster + ":" + pveNode;
        }

        @Override
        public String describe() {
            return "maintenance " + value();
        }

        @Override
        public String toString() {
            return value();
        }
    }

    /** {@code restart:<namespace>/<talosnodevm>}; older operators read it as no mark of theirs and leave it alone. */
    record Restart(String namespace, String talosNodeVm) implements DisruptionHolder {

        static final String PREFIX = "restart:";

        static Optional<DisruptionHolder> parse(String text) {
            int slash = text.indexOf('/');
            if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
                return Optional.empty();
            }
            return Optional.of(new Restart(text.substring(0, slash), text.substring(slash + 1)));
        }

        @Override
        public String value() {
            return PREFIX + namespace + "/" + talosNodeVm;
        }

        @Override
        public String describe() {
            return "restart of TalosNodeVM " + namespace + "/" + talosNodeVm;
        }

        @Override
        public String toString() {
            return value();
        }
    }
}
