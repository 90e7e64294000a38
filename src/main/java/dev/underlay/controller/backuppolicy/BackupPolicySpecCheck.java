package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.api.v1alpha1.backuppolicy.BackupSelectorSpec;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import dev.underlay.controller.support.InvalidSpecException;
import dev.underlay.controller.support.SpecViolations;
import dev.underlay.controller.support.UnreadableSpec;
import dev.underlay.proxmox.calendar.CalendarEvent;
import dev.underlay.proxmox.calendar.CalendarEventException;

import java.util.regex.Pattern;

/** The BackupPolicy rules of the CRD schema and its CEL rules, re-checked for objects an API server let through. */
final class BackupPolicySpecCheck {

    private static final Pattern STORAGE_ID = Pattern.compile(ValidationPatterns.PVE_STORAGE_ID);

    private BackupPolicySpecCheck() {}

    static void check(BackupPolicy policy) throws InvalidSpecException {
        BackupPolicySpec spec = policy.getSpec();
        UnreadableSpec.requirePresent(policy, spec);
        BackupSelectorSpec selector = spec.selector();
        int selectors = selector == null
                ? 0
                : (selector.vmids() != null ? 1 : 0)
                        + (selector.isAll() ? 1 : 0)
                        + (selector.pool() != null ? 1 : 0)
                        + (selector.talosNodeVMSelector() != null ? 1 : 0);
        new SpecViolations()
                .require(
                        spec.clusterRef() != null
                                && spec.clusterRef().name() != null
                                && !spec.clusterRef().name().isBlank(),
                        "spec.clusterRef.name is required")
                .require(
                        scheduleProblem("spec.schedule", spec.schedule()) == null,
                        scheduleProblem("spec.schedule", spec.schedule()))
                .require(
                        spec.restoreTest() == null
                                || scheduleProblem(
                                                "spec.restoreTest.schedule",
                                                spec.restoreTest().schedule())
                                        == null,
                        spec.restoreTest() == null
                                ? ""
                                : scheduleProblem(
                                        "spec.restoreTest.schedule",
                                        spec.restoreTest().schedule()))
                .require(
                        spec.storage() != null
                                && STORAGE_ID.matcher(spec.storage()).matches(),
                        "spec.storage must be a Proxmox storage ID")
                .require(
                        selectors == 1,
                        "spec.selector must set exactly one of vmids, all, pool, " + "talosNodeVMSelector (got "
                                + selectors + ")")
                .require(spec.retention() != null, "spec.retention is required")
                .throwIfAny();
    }

    /**
     * Null when the schedule is a calendar event Proxmox accepts; else what is wrong with it, naming the offending part
     * and its position (the CRD's pattern only catches characters that can never appear). Parsed here, by the same
     * parser that computes status.nextRunTime, so a schedule that passes is never refused by PVE.
     */
    static String scheduleProblem(String field, String schedule) {
        if (schedule == null) {
            return field + " must be a Proxmox calendar event such as \"02:00\" or \"sun 03:00\" (got nothing)";
        }
        try {
            CalendarEvent.parse(schedule);
            return null;
        } catch (CalendarEventException e) {
            return field + " must be a Proxmox calendar event such as \"02:00\" or \"sun 03:00\": " + e.getMessage();
        }
    }
}
