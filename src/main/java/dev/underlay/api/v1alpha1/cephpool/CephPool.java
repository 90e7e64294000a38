package dev.underlay.api.v1alpha1.cephpool;

import dev.underlay.api.v1alpha1.UnderlayApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A replicated Ceph pool, optionally registered as Proxmox RBD storage. */
@Group(UnderlayApi.GROUP)
@Version(UnderlayApi.VERSION)
@ShortNames("cpool")
@Categories(UnderlayApi.CATEGORY)
@AdditionalPrinterColumn(name = "Pool", jsonPath = ".status.poolName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.size", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Min", jsonPath = ".status.minSize", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "PGs", jsonPath = ".status.pgNum", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Used%", jsonPath = ".status.percentUsed", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Reason",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class CephPool extends CustomResource<CephPoolSpec, CephPoolStatus> implements Namespaced {

    /** The Ceph pool name: spec.poolName, or metadata.name when unset. */
    public String effectivePoolName() {
        String fromSpec = getSpec() == null ? null : getSpec().poolName();
        return fromSpec == null || fromSpec.isBlank() ? getMetadata().getName() : fromSpec;
    }
}
