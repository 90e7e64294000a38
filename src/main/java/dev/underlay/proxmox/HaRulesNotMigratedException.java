package dev.underlay.proxmox;

/**
 * PVE 9 answered 500 "ha groups have not been migrated yet": some node still runs PVE 8, so HA rules cannot be
 * written. Retryable, because the migration happens by itself once every node runs PVE 9.
 */
public class HaRulesNotMigratedException extends ProxmoxApiException {

    public HaRulesNotMigratedException(int httpStatus, String message) {
        super(httpStatus, message, true);
    }
}
