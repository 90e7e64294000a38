package dev.underlay.api.v1alpha1.cephpool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ListType;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProxmoxStorageSpec(
        @Required
        @Size(max = 128)
        @Pattern(ValidationPatterns.PVE_STORAGE_ID)
        @JsonPropertyDescription("Proxmox storage ID, e.g. vm-disks.")
        String name,

        @Default("[\"images\"]")
        @Size(min = 1, max = 2)
        @ListType(ListType.Kind.set)
        @JsonPropertyDescription("Content types: images (VM disks, default) and/or rootdir (containers).")
        List<StorageContent> content,

        @JsonPropertyDescription("Map images through the kernel RBD module instead of librbd. Default false.")
        Boolean krbd,

        @Size(max = 64)
        @ListType(ListType.Kind.set)
        @JsonPropertyDescription("Proxmox nodes the storage is available on. Default: all nodes.")
        List<String> nodes) {

    public ProxmoxStorageSpec {
        content = content == null ? List.of(StorageContent.images) : List.copyOf(content);
        nodes = nodes == null ? null : List.copyOf(nodes);
    }

    /** Proxmox content type names. */
    @SuppressWarnings("java:S115")
    public enum StorageContent {
        images,
        rootdir
    }
}
