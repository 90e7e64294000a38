package dev.underlay.api.v1alpha1.talosnodevm;

import dev.underlay.api.v1alpha1.UnderlayApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Proxmox VM running a Talos Linux Kubernetes node. */
@Group(UnderlayApi.GROUP)
@Version(UnderlayApi.VERSION)
@ShortNames("tnvm")
@Categories(UnderlayApi.CATEGORY)
@AdditionalPrinterColumn(name = "VMID", jsonPath = ".status.vmid", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Node", jsonPath = ".status.node", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.powerState", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "IP", jsonPath = ".status.ipAddresses[0]", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "K8s-Ready",
        jsonPath = ".status.kubernetesNodeReady",
        type = AdditionalPrinterColumn.Type.BOOLEAN)
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
public class TalosNodeVM extends CustomResource<TalosNodeVMSpec, TalosNodeVMStatus> implements Namespaced {}
