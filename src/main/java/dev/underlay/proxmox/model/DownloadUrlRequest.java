package dev.underlay.proxmox.model;

/**
 * {@code POST /nodes/{node}/storage/{storage}/download-url}: PVE fetches the file itself (a task). The operator
 * uses it for Talos ISOs, with a checksum so a corrupted download fails the task.
 */
public record DownloadUrlRequest(
        String url,
        String filename,
        String content,
        String checksum,
        String checksumAlgorithm,
        Boolean verifyCertificates,
        String compression) {

    public DownloadUrlRequest {
        if (url == null || !url.matches("https?://.+")) {
            throw new IllegalArgumentException("download-url needs an http(s) URL");
        }
        if (filename == null || filename.isBlank()) {
            throw new IllegalArgumentException("download-url needs a filename");
        }
        content = content == null ? "iso" : content;
    }

    public static DownloadUrlRequest iso(String url, String filename, String sha256) {
        return new DownloadUrlRequest(url, filename, "iso", sha256, sha256 == null ? null : "sha256", null, null);
    }
}
