package dev.underlay.ceph.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephAuthenticationException;
import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.CephInvalidRequestException;
import dev.underlay.ceph.CephNotFoundException;
import dev.underlay.ceph.CephPermissionDeniedException;
import dev.underlay.ceph.CephUnavailableException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the Dashboard's error answers onto the exception classes. Ceph's own refusals arrive as 400
 * {@code {"detail": "[errno -N] message", "code": "N", "component": "pool"}}; the same text is the
 * {@code exception.detail} of a failed task.
 */
final class DashboardErrors {

    private static final Pattern ERRNO = Pattern.compile("^\\[errno -(\\d+)]\\s*(.*)$", Pattern.DOTALL);
    /** Ceph names the offending variable in quotes: {@code 'pg_num' must be ...}, {@code unrecognized variable 'x'}. */
    private static final Pattern QUOTED_FIELD = Pattern.compile("'([a-z_]+)'");

    private static final int EEXIST = 17;
    private static final int ENOENT = 2;
    private static final int EBUSY = 16;

    private DashboardErrors() {}

    static CephApiException of(String call, int status, JsonNode body) {
        String detail = text(body, "detail");
        String message = call + " failed: " + status + (detail.isEmpty() ? "" : " " + detail);
        if (status == 401) {
            return new CephAuthenticationException(status, message);
        }
        if (status == 403) {
            return new CephPermissionDeniedException(message);
        }
        if (status == 404) {
            return new CephNotFoundException(status, message);
        }
        if (status == 409) {
            return new CephConflictException(status, message, false);
        }
        if (status == 400) {
            return cephRefusal(status, message, detail);
        }
        if (status >= 500) {
            return new CephUnavailableException(status, message);
        }
        return new CephApiException(status, message, false);
    }

    /** A failed Dashboard task: its {@code exception.detail} carries the same errno text as a 400. */
    static CephApiException taskFailed(String description, String detail) {
        return cephRefusal(0, description + " failed: " + detail, detail);
    }

    private static CephApiException cephRefusal(int status, String message, String detail) {
        Matcher errno = ERRNO.matcher(detail);
        int code = errno.matches() ? Integer.parseInt(errno.group(1)) : 0;
        if (code == EEXIST) {
            return new CephConflictException(status, message, false);
        }
        if (code == EBUSY) {
            return new CephConflictException(status, message, true);
        }
        if (code == ENOENT) {
            return new CephNotFoundException(status, message);
        }
        Matcher field = QUOTED_FIELD.matcher(errno.matches() ? errno.group(2) : detail);
        return new CephInvalidRequestException(status, message, field.find() ? field.group(1) : null);
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value == null || value.isNull() ? "" : value.asText().strip();
    }
}
