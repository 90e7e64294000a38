package dev.underlay.api.v1alpha1.backuppolicy;

import dev.underlay.api.v1alpha1.UnderlayApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A native Proxmox backup job (vzdump schedule) with retention and an optional periodic restore test. */
@Group(UnderlayApi.GROUP)
@Version(UnderlayApi.VERSION)
@ShortNames("bkp")
@Categories(UnderlayApi.CATEGORY)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Storage", jsonPath = ".spec.storage", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Keep", jsonPath = ".status.keep", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Last-Run",
        jsonPath = ".status.lastRun.finishedAt",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
        name = "Last-Status",
        jsonPath = ".status.lastRun.status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Next-Run",
        jsonPath = ".status.nextRunTime",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Reason",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
public class BackupPolicy extends CustomResource<BackupPolicySpec, BackupPolicyStatus> implements Namespaced {}
