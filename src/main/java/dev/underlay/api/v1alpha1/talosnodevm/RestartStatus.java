package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A gated restart in progress, recorded step by step so that an operator restarted in the middle (possibly because
 * the drain evicted it) resumes exactly where it was. The disruption mark on the Kubernetes Node is the second record:
 * a mark of this VM's restart with no phase here means the cordon was taken and the drain is next.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestartStatus(
        @JsonPropertyDescription("Step of the restart: Draining, ShuttingDown, Starting.")
        Phase phase,

        @JsonPropertyDescription("What the restart applies: the config keys Proxmox holds pending.")
        String pending,

        @JsonPropertyDescription("When the step began (RFC 3339).")
        String since) {

    public enum Phase {
        /** The Kubernetes Node is cordoned (the budget is held); pods are evicted until none is left. */
        Draining,
        /** Drained: an ACPI shutdown through Proxmox, its task followed. */
        ShuttingDown,
        /** Stopped: started again (pending changes apply), then the Node must be Ready before it is uncordoned. */
        Starting
    }
}
