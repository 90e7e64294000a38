package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.GuestAgentException;
import dev.underlay.proxmox.HaGroupsMigratedException;
import dev.underlay.proxmox.HaRulesNotMigratedException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.LockedException;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.NotImplementedException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TransientException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a non-2xx {@link PveResponse} into the matching {@link ProxmoxApiException}.
 *
 * <p>The text comes from the body's {@code message} when present and from the HTTP reason phrase otherwise
 * (PVE &lt; 8.3 puts it only there). PVE reports most failures as a plain 500 {@code die}, so the class is chosen
 * from the text: locks, digest races, "already exists", missing objects, HA group/rule migration, guest agent.
 * What remains of 5xx and the 59x pseudo-statuses is transient.
 */
public final class PveErrorMapper {

    private static final Pattern VM_LOCKED = Pattern.compile("(?:VM|CT) is locked \\(([\\w-]+)\\)");
    private static final Pattern LOCK_TIMEOUT = Pattern.compile("can't lock file .* got timeout");
    private static final Pattern CONFLICT =
            Pattern.compile("detected modified configuration|already exists|digest mismatch", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_FOUND =
            Pattern.compile("does not exist|no such |not found|unknown task", Pattern.CASE_INSENSITIVE);
    private static final Pattern GROUPS_MIGRATED = Pattern.compile("ha groups have been migrated to rules");
    private static final Pattern RULES_NOT_MIGRATED = Pattern.compile("have not been migrated yet");
    private static final Pattern AGENT_NOT_RUNNING =
            Pattern.compile("guest agent is not running", Pattern.CASE_INSENSITIVE);
    private static final Pattern AGENT_NOT_CONFIGURED = Pattern.compile("No QEMU guest agent configured");

    private PveErrorMapper() {}

    public static ProxmoxApiException map(PveRequest request, PveResponse response) {
        PveEnvelope envelope = PveEnvelope.parse(response.body());
        String text = envelope.message() != null
                ? envelope.message()
                : response.reasonPhrase().strip();
        int status = response.status();
        Map<String, String> errors = scrub(envelope.errors());
        String message = request.describe() + " failed: " + status + (text.isEmpty() ? "" : " " + text)
                + (errors.isEmpty() ? "" : " " + errors);

        if (status == 400) {
            if (errors.values().stream().anyMatch(e -> CONFLICT.matcher(e).find())) {
                return new ConflictException(status, message);
            }
            return new InvalidParameterException(message, errors);
        }
        if (status == 401) {
            return new AuthenticationException(message);
        }
        if (status == 403) {
            return new PermissionDeniedException(message);
        }
        if (status == 404) {
            return new NotFoundException(status, message);
        }
        if (status == 501) {
            return new NotImplementedException(message);
        }
        if (status >= 500) {
            return fromServerErrorText(status, text, message);
        }
        return new ProxmoxApiException(status, message, false);
    }

    private static ProxmoxApiException fromServerErrorText(int status, String text, String message) {
        if (status >= 595) {
            return new TransientException(status, message);
        }
        Matcher locked = VM_LOCKED.matcher(text);
        if (locked.find()) {
            return new LockedException(status, message, locked.group(1));
        }
        if (LOCK_TIMEOUT.matcher(text).find()) {
            return new LockedException(status, message, null);
        }
        if (GROUPS_MIGRATED.matcher(text).find()) {
            return new HaGroupsMigratedException(status, message);
        }
        if (RULES_NOT_MIGRATED.matcher(text).find()) {
            return new HaRulesNotMigratedException(status, message);
        }
        if (AGENT_NOT_RUNNING.matcher(text).find()) {
            return new GuestAgentException(status, message, null, true);
        }
        if (AGENT_NOT_CONFIGURED.matcher(text).find()) {
            return new GuestAgentException(status, message, null, false);
        }
        if (CONFLICT.matcher(text).find()) {
            return new ConflictException(status, message);
        }
        if (NOT_FOUND.matcher(text).find()) {
            return new NotFoundException(status, message);
        }
        return new TransientException(status, message);
    }

    /** Parameter errors can quote the rejected value; never let that happen for secret parameters. */
    private static Map<String, String> scrub(Map<String, String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((k, v) -> out.put(k, PveParams.SECRET_KEYS.contains(k) ? "***" : v));
        return out;
    }
}
