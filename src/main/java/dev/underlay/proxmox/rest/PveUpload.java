package dev.underlay.proxmox.rest;

import java.nio.file.Path;
import java.util.Objects;

/** A file sent as the {@code filename} part of a multipart upload (ISO upload). */
public record PveUpload(Path file, String filename, String mediaType) {

    public PveUpload {
        Objects.requireNonNull(file);
        Objects.requireNonNull(filename);
        mediaType = mediaType == null ? "application/octet-stream" : mediaType;
    }
}
