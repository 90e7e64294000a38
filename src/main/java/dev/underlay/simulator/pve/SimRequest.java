package dev.underlay.simulator.pve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API call as the simulator core sees it, whichever facade it came through.
 *
 * @param method  GET, POST, PUT or DELETE
 * @param path    decoded path below {@code /api2/json}, e.g. {@code /nodes/pve-ms01-01/qemu}
 * @param params  all parameters (query and body merged, query winning), repeated keys kept in order
 * @param credentials what the caller authenticated with
 * @param upload  the file part of a multipart upload, if any (its name and size; the bytes of small files)
 * @param bodyOnReadMethod true when a GET or DELETE carried a body, which PVE refuses with 501
 */
public record SimRequest(
        String method,
        String path,
        Map<String, List<String>> params,
        Credentials credentials,
        Optional<Upload> upload,
        boolean bodyOnReadMethod) {

    public SimRequest {
        params = Map.copyOf(params);
    }

    public SimRequest(String method, String path, Map<String, List<String>> params, Credentials credentials) {
        this(method, path, params, credentials, Optional.empty(), false);
    }

    /** Convenience for tests and the in-JVM facade: single-valued parameters as alternating key, value. */
    public static SimRequest of(String method, String path, Credentials credentials, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>())
                    .add(keyValues[i + 1]);
        }
        return new SimRequest(method, path, params, credentials);
    }

    public SimRequest withUpload(Upload file) {
        return new SimRequest(method, path, params, credentials, Optional.of(file), bodyOnReadMethod);
    }

    public boolean mutating() {
        return !"GET".equals(method);
    }

    /**
     * The file part of a multipart upload: its name and size, and, for files of at most {@link #KEPT_BYTES}, its
     * bytes. PVE stores what it is sent; keeping small files lets a test read back what was uploaded (a cidata image)
     * without the simulator holding ISOs of hundreds of megabytes.
     *
     * @param content the bytes, or null when the file was larger than {@link #KEPT_BYTES}
     */
    public record Upload(String fileName, long size, byte[] content) {

        public static final long KEPT_BYTES = 1L << 20;

        public Upload(String fileName, long size) {
            this(fileName, size, null);
        }
    }
}
