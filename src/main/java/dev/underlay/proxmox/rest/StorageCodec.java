package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.model.DownloadUrlRequest;
import dev.underlay.proxmox.model.NodeStorage;
import dev.underlay.proxmox.model.PruneBackups;
import dev.underlay.proxmox.model.Storage;
import dev.underlay.proxmox.model.StorageContent;
import dev.underlay.proxmox.model.StorageDefinition;
import dev.underlay.proxmox.model.StorageUpdate;
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Wire mapping for storage definitions, per-node storage status, content, upload and download-url. */
final class StorageCodec {

    private static final Set<String> TYPED = Set.of(
            "storage",
            "type",
            "content",
            "pool",
            "path",
            "nodes",
            "shared",
            "disable",
            "krbd",
            "monhost",
            "username",
            "prune-backups",
            "digest");

    private StorageCodec() {}

    static List<Storage> storages(JsonNode data) {
        return PveJson.elements(data).stream().map(StorageCodec::storage).toList();
    }

    static Storage storage(Fields f) {
        Map<String, String> other = new LinkedHashMap<>(f.scalars());
        other.keySet().removeAll(TYPED);
        return new Storage(
                f.str("storage"),
                f.str("type"),
                f.strings("content"),
                f.str("pool"),
                f.str("path"),
                f.strings("nodes"),
                f.flag("shared"),
                f.flag("disable"),
                f.bool("krbd"),
                f.str("monhost"),
                f.str("username"),
                pruneBackups(f, "prune-backups"),
                f.str("digest"),
                other);
    }

    /** {@code prune-backups} is a property string in storage.cfg answers and an object in 9.x job answers. */
    static PruneBackups pruneBackups(Fields f, String key) {
        JsonNode raw = f.raw(key);
        if (raw.isObject()) {
            return PruneBackups.fromMap(Fields.of(raw).scalars());
        }
        String text = f.str(key);
        return text == null ? null : PruneBackups.parse(text);
    }

    static PveParams create(StorageDefinition d) {
        return PveParams.builder()
                .add("storage", d.storage())
                .add("type", d.type())
                .addCsv("content", d.content())
                .add("pool", d.pool())
                .add("data-pool", d.dataPool())
                .add("krbd", d.krbd())
                .addCsv("nodes", d.nodes())
                .add("shared", d.shared())
                .add("disable", d.disable())
                .add("monhost", d.monhost())
                .add("username", d.username())
                .add("path", d.path())
                .add("server", d.server())
                .add("export", d.export())
                .add("prune-backups", d.pruneBackups())
                .build();
    }

    static PveParams update(StorageUpdate u) {
        return PveParams.builder()
                .addCsv("content", u.content())
                .addCsv("nodes", u.nodes())
                .add("disable", u.disable())
                .add("krbd", u.krbd())
                .add("prune-backups", u.pruneBackups())
                .addCsv("delete", u.delete())
                .add("digest", u.digest())
                .build();
    }

    static List<NodeStorage> nodeStorages(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(f -> nodeStorage(f, f.str("storage")))
                .toList();
    }

    static NodeStorage nodeStorage(Fields f, String storage) {
        return new NodeStorage(
                storage,
                f.str("type"),
                f.strings("content"),
                f.flag("active"),
                f.has("enabled") ? f.flag("enabled") : true,
                f.flag("shared"),
                f.lng("total"),
                f.lng("used"),
                f.lng("avail"),
                f.dbl("used_fraction"));
    }

    static List<StorageContent> content(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(f -> new StorageContent(
                        f.str("volid"),
                        f.str("content"),
                        f.str("format"),
                        f.lng("size"),
                        f.lng("used"),
                        f.integer("vmid"),
                        f.lng("ctime"),
                        f.str("notes"),
                        f.bool("protected"),
                        f.str("subtype"),
                        f.str("parent"),
                        f.str("encrypted"),
                        f.obj("verification").str("state")))
                .toList();
    }

    static PveParams contentQuery(String content, Integer vmid) {
        return PveParams.builder().add("content", content).add("vmid", vmid).build();
    }

    static PveParams downloadUrl(DownloadUrlRequest r) {
        return PveParams.builder()
                .add("url", r.url())
                .add("filename", r.filename())
                .add("content", r.content())
                .add("checksum", r.checksum())
                .add("checksum-algorithm", r.checksumAlgorithm())
                .add("verify-certificates", r.verifyCertificates())
                .add("compression", r.compression())
                .build();
    }
}
