package dev.underlay.proxmox.rest;

import java.util.Objects;

/**
 * One PVE call as data: method, path relative to {@code /api2/json} (segments already encoded by
 * {@link PveWire#path}), parameters, and for uploads the file. Transports decide where parameters go
 * ({@link PveWire}); a simulator facade can read them directly.
 */
public record PveRequest(PveMethod method, String path, PveParams params, PveUpload upload) {

    public PveRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        params = params == null ? PveParams.empty() : params;
        if (upload != null && method != PveMethod.POST) {
            throw new IllegalArgumentException("uploads are POSTs");
        }
    }

    public static PveRequest get(String path, PveParams params) {
        return new PveRequest(PveMethod.GET, path, params, null);
    }

    public static PveRequest get(String path) {
        return get(path, PveParams.empty());
    }

    public static PveRequest post(String path, PveParams params) {
        return new PveRequest(PveMethod.POST, path, params, null);
    }

    public static PveRequest put(String path, PveParams params) {
        return new PveRequest(PveMethod.PUT, path, params, null);
    }

    public static PveRequest delete(String path, PveParams params) {
        return new PveRequest(PveMethod.DELETE, path, params, null);
    }

    /** Writes change state on the cluster; reads may be retried or failed over freely. */
    public boolean isMutating() {
        return method != PveMethod.GET;
    }

    /** {@code METHOD /path} without parameters: safe for logs and exception messages. */
    public String describe() {
        return method + " " + path;
    }
}
