package dev.underlay.controller.support.ha;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.HaRule;

import java.util.List;

/** PVE 9 node-affinity HA rules ({@code /cluster/ha/rules}). */
public record RuleDialect(ProxmoxApi api) implements HaDialect {

    @Override
    public HaMode mode() {
        return HaMode.Rules;
    }

    @Override
    public List<HaPlacement> list() throws ProxmoxApiException {
        return api.haRules().stream().map(HaPlacement::of).toList();
    }

    @Override
    public void create(HaPlacement p) throws ProxmoxApiException {
        api.createHaRule(rule(p, p.disabled() ? Boolean.TRUE : null));
    }

    @Override
    public void update(HaPlacement p) throws ProxmoxApiException {
        boolean clearComment = p.comment() == null || p.comment().isEmpty();
        // no digest: the rules file's digest changes with every write, so a second update in the same pass would fail
        api.updateHaRule(rule(p, p.disabled()), clearComment ? List.of("comment") : List.of());
    }

    @Override
    public void delete(String id) throws ProxmoxApiException {
        api.deleteHaRule(id);
    }

    private static HaRule rule(HaPlacement p, Boolean disable) {
        String comment = p.comment() == null || p.comment().isEmpty() ? null : p.comment();
        return new HaRule(
                p.id(),
                HaRule.Type.NODE_AFFINITY,
                p.resources(),
                p.nodes(),
                p.restricted(),
                null,
                disable,
                comment,
                null,
                null);
    }
}
