package dev.underlay.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Every Underlay setting, named once (prefix {@code underlay}). */
@ConfigMapping(prefix = "underlay")
public interface UnderlayConfig {

    /** Which Proxmox backend the operator talks to. */
    @WithDefault("rest")
    Backend backend();

    Resync resync();

    Embedded embedded();

    Operator operator();

    enum Backend {
        /** The real Proxmox VE REST API, per ProxmoxCluster endpoints. */
        rest,
        /** The in-JVM Proxmox VE simulator (embedded demo and tests). */
        simulator
    }

    interface Resync {
        /** Period between cluster snapshots while nothing is in flight. */
        @WithDefault("60s")
        Duration calm();

        /** Period while tasks are running or a node is in maintenance. */
        @WithDefault("5s")
        Duration busy();

        /** Retry period for a resource waiting on a missing reference or an unreachable cluster. */
        @WithDefault("30s")
        Duration waiting();

        /**
         * Re-check period for a resource whose spec is invalid. A spec edit reconciles at once anyway; this only bounds
         * how long a fix made elsewhere (e.g. an operator upgrade that accepts the spec) goes unnoticed.
         */
        @WithName("invalid-spec")
        @WithDefault("10m")
        Duration invalidSpec();
    }

    /** The operator process itself (leader election, events). */
    interface Operator {
        LeaderElection leaderElection();

        /** Name written as the source component of the Kubernetes Events the operator records. */
        @WithDefault("underlay-operator")
        String eventComponent();
    }

    /**
     * Leader election: only the lease holder reconciles. Activated by QOSDK in the profiles listed in
     * quarkus.operator-sdk.activate-leader-election-for-profiles (prod by default), never in dev or test.
     */
    interface LeaderElection {
        /** Name of the coordination.k8s.io Lease. */
        @WithDefault("underlay-operator")
        String leaseName();

        /**
         * Namespace of the Lease. Default: the Kubernetes client's namespace, which in a pod is the service account's
         * namespace, i.e. the operator's own.
         */
        Optional<String> leaseNamespace();

        /** Identity of this replica in the Lease; default the pod name (HOSTNAME). */
        Optional<String> identity();
    }

    /** The self-contained mode the README's first command starts: no Kubernetes and no Proxmox needed. */
    interface Embedded {
        /** Start an in-process Kubernetes API (and, later, the Proxmox simulator) and run the operator against it. */
        @WithDefault("false")
        boolean enabled();

        /** Port of the embedded Kubernetes API on 127.0.0.1; 0 picks a free one. */
        @WithDefault("0")
        int port();

        /** Where the kubeconfig for the embedded API is written. */
        @WithDefault("target/underlay/kubeconfig")
        String kubeconfig();

        /** Directory of example manifests applied at start; empty to apply none, skipped if absent. */
        @WithName("examples-dir")
        Optional<String> examplesDir();

        /**
         * Directory of the CRD manifests loaded at start. When it does not exist (the packaged jar run outside the
         * project), the copies built into the jar are loaded instead.
         */
        @WithName("crds-dir")
        @WithDefault("deploy/crds")
        String crdsDir();
    }
}
