package dev.underlay.controller.support.ha;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;

import java.util.List;

/** The API for one {@link HaMode}: HA groups or HA rules, read and written as {@link HaPlacement}s. */
public sealed interface HaDialect permits GroupDialect, RuleDialect {

    HaMode mode();

    List<HaPlacement> list() throws ProxmoxApiException;

    void create(HaPlacement placement) throws ProxmoxApiException;

    /** Writes every field of {@code placement}; a null or empty comment removes the comment. */
    void update(HaPlacement placement) throws ProxmoxApiException;

    void delete(String id) throws ProxmoxApiException;

    static HaDialect of(HaMode mode, ProxmoxApi api) {
        if (mode == HaMode.Groups) {
            return new GroupDialect(api);
        }
        if (mode == HaMode.Rules) {
            return new RuleDialect(api);
        }
        throw new IllegalArgumentException("no HA API to use in mode " + mode);
    }
}
