package dev.underlay.controller.support.ha;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.HaGroup;

import java.util.List;

/** PVE 8 HA groups ({@code /cluster/ha/groups}); also PVE 9 before its groups are migrated to rules. */
public record GroupDialect(ProxmoxApi api) implements HaDialect {

    @Override
    public HaMode mode() {
        return HaMode.Groups;
    }

    @Override
    public List<HaPlacement> list() throws ProxmoxApiException {
        return api.haGroups().stream().map(HaPlacement::of).toList();
    }

    @Override
    public void create(HaPlacement p) throws ProxmoxApiException {
        api.createHaGroup(
                new HaGroup(p.id(), p.nodes(), p.restricted(), p.noFailback(), emptyToNull(p.comment()), null));
    }

    @Override
    public void update(HaPlacement p) throws ProxmoxApiException {
        // no digest: the group file's digest changes with every write, so a second update in the same pass would fail
        api.updateHaGroup(new HaGroup(
                p.id(), p.nodes(), p.restricted(), p.noFailback(), p.comment() == null ? "" : p.comment(), null));
    }

    @Override
    public void delete(String id) throws ProxmoxApiException {
        api.deleteHaGroup(id);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
