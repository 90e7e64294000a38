package dev.underlay.api.v1alpha1.cephpool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ClusterRef;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.minSize <= self.size", message = "minSize must be less than or equal to size")
@ValidationRule(
        value = "has(self.pgNum) || self.pgAutoscaleMode != 'off'",
        message = "pgNum is required when pgAutoscaleMode is off")
@ValidationRule(
        value =
                "has(oldSelf.poolName) == has(self.poolName) && (!has(self.poolName) || self.poolName == oldSelf.poolName)",
        message = "poolName is immutable")
@ValidationRule(value = "self.clusterRef == oldSelf.clusterRef", message = "clusterRef is immutable")
public record CephPoolSpec(
        @Required @JsonPropertyDescription("The ProxmoxCluster whose Ceph holds the pool.")
        ClusterRef clusterRef,

        @Size(min = 1, max = 127)
        @Pattern(ValidationPatterns.CEPH_POOL_NAME)
        @JsonPropertyDescription(
                "Ceph pool name. Default: metadata.name. Immutable: it cannot be set, changed or removed "
                        + "after creation.")
        String poolName,

        @Default("3") @Min(1) @Max(7) @JsonPropertyDescription("Number of replicas (Ceph size). Default 3.")
        Integer size,

        @Default("2")
        @Min(1)
        @Max(7)
        @JsonPropertyDescription(
                "Minimum replicas for I/O (Ceph min_size), <= size. Default 2. 1 is allowed but raises the "
                        + "MinSizeOneRisk condition.")
        Integer minSize,

        @Min(1)
        @Max(32768)
        @ValidationRule(
                value = "self in [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768]",
                message = "pgNum must be a power of two")
        @JsonPropertyDescription(
                "Placement groups, a power of two. Leave unset to let the autoscaler decide " + "(pgAutoscaleMode on).")
        Integer pgNum,

        @Default("on")
        @JsonPropertyDescription("PG autoscaler mode: on (default), warn or off. With off, pgNum is required.")
        PgAutoscaleMode pgAutoscaleMode,

        @Min(0)
        @Max(1)
        @JsonPropertyDescription("Autoscaler hint: expected fraction of the cluster's capacity this pool will use.")
        Double targetSizeRatio,

        @Default("rbd") @JsonPropertyDescription("Application enabled on the pool: rbd (default), cephfs or rgw.")
        PoolApplication application,

        @Default("replicated_rule")
        @Size(max = 127)
        @Pattern("^[a-zA-Z0-9][a-zA-Z0-9\\-_.]*$")
        @JsonPropertyDescription("CRUSH rule. Default replicated_rule (failure domain host).")
        String crushRule,

        @JsonPropertyDescription("Register the pool as Proxmox RBD storage so VMs can put disks on it.")
        ProxmoxStorageSpec proxmoxStorage,

        @Default("Retain")
        @JsonPropertyDescription("Retain (default) keeps the pool when the resource is deleted; Delete removes it "
                + "(refused while it holds data unless allowDeleteWithData).")
        DeletionPolicy deletionPolicy,

        @JsonPropertyDescription("Allow deletionPolicy Delete to remove a pool that still holds data. Default false.")
        Boolean allowDeleteWithData,

        @JsonPropertyDescription("Take over an existing pool of that name that the operator did not create.")
        Boolean adopt,

        @Default("Manage") @JsonPropertyDescription("Manage (default) or Observe (report drift, change nothing).")
        ManagementPolicy managementPolicy) {

    public CephPoolSpec {
        size = size == null ? 3 : size;
        minSize = minSize == null ? 2 : minSize;
        pgAutoscaleMode = pgAutoscaleMode == null ? PgAutoscaleMode.on : pgAutoscaleMode;
        application = application == null ? PoolApplication.rbd : application;
        crushRule = crushRule == null ? "replicated_rule" : crushRule;
        deletionPolicy = deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy;
        managementPolicy = managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
    }

    /** Ceph's own spelling, which users know from `ceph osd pool set ... pg_autoscale_mode`. */
    @SuppressWarnings("java:S115")
    public enum PgAutoscaleMode {
        on,
        warn,
        off
    }

    /** Ceph application names as `ceph osd pool application enable` takes them. */
    @SuppressWarnings("java:S115")
    public enum PoolApplication {
        rbd,
        cephfs,
        rgw
    }
}
