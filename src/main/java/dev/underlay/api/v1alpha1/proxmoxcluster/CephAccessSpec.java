package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.api != 'Dashboard' || has(self.dashboard)",
        message = "ceph.dashboard is required when ceph.api is Dashboard")
public record CephAccessSpec(
        @Default("Proxmox")
        @JsonPropertyDescription("Proxmox (default): PVE-managed Ceph through the Proxmox API. Dashboard: the Ceph mgr "
                + "dashboard REST API.")
        CephApiKind api,

        @JsonPropertyDescription("Ceph dashboard connection, required when api is Dashboard.")
        CephDashboardSpec dashboard) {

    public CephAccessSpec {
        api = api == null ? CephApiKind.Proxmox : api;
    }

    public enum CephApiKind {
        Proxmox,
        Dashboard
    }
}
