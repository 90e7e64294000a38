package dev.underlay.ceph;

import java.util.Optional;

/** The request itself is wrong (HTTP 400 from Ceph, or refused by the client before sending); retrying cannot help. */
public class CephInvalidRequestException extends CephApiException {

    private final String field;

    public CephInvalidRequestException(int httpStatus, String message, String field) {
        super(httpStatus, message, false);
        this.field = field;
    }

    /** The request field Ceph named ({@code pg_num}, {@code size}, ...) or the client checked; empty if unknown. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
