package dev.underlay.api.v1alpha1.proxmoxcluster;

import dev.underlay.api.v1alpha1.UnderlayApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Proxmox VE cluster: how to reach it, what it should look like, and what it looks like. */
@Group(UnderlayApi.GROUP)
@Version(UnderlayApi.VERSION)
@ShortNames("pxc")
@Categories(UnderlayApi.CATEGORY)
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".status.clusterName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Quorate", jsonPath = ".status.quorate", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
        name = "Nodes",
        jsonPath = ".status.nodesOnline",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Online nodes / known nodes")
@AdditionalPrinterColumn(name = "Ceph", jsonPath = ".status.ceph.health", type = AdditionalPrinterColumn.Type.STRING)
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
        name = "Degraded",
        jsonPath = ".status.conditions[?(@.type==\"Degraded\")].reason",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ProxmoxCluster extends CustomResource<ProxmoxClusterSpec, ProxmoxClusterStatus> implements Namespaced {}
