package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Members from the TalosNodeVMs in the cluster's namespace that reference it. One list call against the Kubernetes
 * API per use (only PVE 9 clusters with declared haGroups use it, once per resync): simpler than a second informer
 * beside the TalosNodeVM controller's, and never stale.
 */
@ApplicationScoped
public class TalosNodeVmHaMembers implements HaMembers {

    private final KubernetesClient client;

    public TalosNodeVmHaMembers(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<HaMember> of(ProxmoxCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        List<HaMember> members = new ArrayList<>();
        for (TalosNodeVM vm : client.resources(TalosNodeVM.class)
                .inNamespace(namespace)
                .list()
                .getItems()) {
            TalosNodeVMSpec spec = vm.getSpec();
            // a spec the operator could not read arrives empty; such a VM is reported by its own controller
            if (spec == null
                    || spec.clusterRef() == null
                    || !name.equals(spec.clusterRef().name())) {
                continue;
            }
            Integer vmid = spec.vmid() != null
                    ? spec.vmid()
                    : vm.getStatus() == null ? null : vm.getStatus().getVmid();
            if (vmid != null) {
                members.add(new HaMember(
                        vmid,
                        Boolean.TRUE.equals(spec.ha().enabled()),
                        spec.ha().group(),
                        namespace + "/" + vm.getMetadata().getName()));
            }
        }
        return members;
    }
}
