package dev.underlay.proxmox;

import java.util.Optional;

/**
 * The guest config is locked ("VM is locked (backup)") or its lock file could not be taken in time ("can't lock
 * file ... got timeout"). Both clear by themselves once the other task ends, so this is retryable; backups can hold
 * a lock for hours, so callers should wait with backoff rather than spin.
 */
public class LockedException extends ProxmoxApiException {

    private final String lock;

    public LockedException(int httpStatus, String message, String lock) {
        super(httpStatus, message, true);
        this.lock = lock;
    }

    /** The lock named by PVE ({@code backup}, {@code migrate}, ...); empty for a lock-file timeout. */
    public Optional<String> lock() {
        return Optional.ofNullable(lock);
    }
}
