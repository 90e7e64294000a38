package dev.underlay.proxmox.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A write to {@code /nodes/{node}/qemu/{vmid}/config}: options to set, options to delete ({@code delete=a,b}),
 * pending changes to revert, and the digest read before (optimistic concurrency: PVE refuses the write when the
 * config changed in between).
 */
public record VmConfigChange(VmOptions set, List<String> delete, List<String> revert, String digest) {

    public VmConfigChange {
        set = set == null ? VmOptions.empty() : set;
        delete = ModelLists.copy(delete);
        revert = ModelLists.copy(revert);
        delete.forEach(VmOptions::checkKey);
        revert.forEach(VmOptions::checkKey);
        for (String key : delete) {
            if (set.values().containsKey(key)) {
                throw new IllegalArgumentException("option '" + key + "' is both set and deleted");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return set.isEmpty() && delete.isEmpty() && revert.isEmpty();
    }

    /** Builder; the option setters are those of {@link VmOptions.Builder} via {@link #options()}. */
    public static class Builder {
        private final VmOptions.Builder options = VmOptions.builder();
        private final List<String> delete = new ArrayList<>();
        private final List<String> revert = new ArrayList<>();
        private String digest;

        public VmOptions.Builder options() {
            return options;
        }

        public Builder set(String key, String value) {
            options.set(key, value);
            return this;
        }

        public Builder delete(String key) {
            delete.add(Objects.requireNonNull(key));
            return this;
        }

        public Builder revert(String key) {
            revert.add(Objects.requireNonNull(key));
            return this;
        }

        public Builder digest(String digest) {
            this.digest = digest;
            return this;
        }

        public VmConfigChange build() {
            return new VmConfigChange(options.build(), delete, revert, digest);
        }
    }
}
