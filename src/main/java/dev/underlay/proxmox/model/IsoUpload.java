package dev.underlay.proxmox.model;

import java.nio.file.Path;

/**
 * {@code POST /nodes/{node}/storage/{storage}/upload} (multipart). {@code content} is {@code iso}, {@code vztmpl}
 * or {@code import}; PVE normalises {@code filename}.
 */
public record IsoUpload(Path file, String filename, String content, String checksum, String checksumAlgorithm) {

    public IsoUpload {
        if (file == null || filename == null || filename.isBlank()) {
            throw new IllegalArgumentException("upload needs a file and a filename");
        }
        content = content == null ? "iso" : content;
    }

    public static IsoUpload iso(Path file, String filename) {
        return new IsoUpload(file, filename, "iso", null, null);
    }
}
