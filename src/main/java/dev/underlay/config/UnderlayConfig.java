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

    Proxmox proxmox();

    Metrics metrics();

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

        /**
         * How often the HA layout is re-read for drift when nothing else asks for it (a spec change, a write to follow
         * up, an error, a change of the HA resources in the snapshot do). Keeps the calm resync at the snapshot's five
         * calls.
         */
        @WithName("ha-layout-drift")
        @WithDefault("10m")
        Duration haLayoutDrift();

        /**
         * How often a converged TalosNodeVM's full VM config is read again to look for drift (a spec change, a
         * finished task or a Ready change read it at once). Each VM's period is jittered by up to a fifth, so the
         * reads of many VMs spread out instead of arriving together.
         */
        @WithName("vm-config-drift")
        @WithDefault("15m")
        Duration vmConfigDrift();
    }

    /** Gated restarts of TalosNodeVMs (control-plane VMs always go one at a time, through the disruption budget). */
    Restart restart();

    interface Restart {
        /** Worker Kubernetes Nodes that may be unavailable (not Ready, cordoned, restarting) while one more restarts. */
        @WithName("max-unavailable-workers")
        @WithDefault("1")
        int maxUnavailableWorkers();
    }

    /** How the REST backend talks to each Proxmox cluster (per-cluster limits protect pveproxy). */
    interface Proxmox {
        @WithDefault("10s")
        Duration connectTimeout();

        @WithDefault("60s")
        Duration readTimeout();

        /** Requests in flight at once towards one cluster. */
        @WithDefault("4")
        int maxConcurrent();

        /** Sustained request rate towards one cluster. */
        @WithDefault("10")
        double requestsPerSecond();

        /**
         * Age after which a cluster's client is rebuilt even though nothing about it changed, so that the PVE version
         * (an in-place 8 to 9 upgrade) and privileges granted to the token since are read again.
         */
        @WithDefault("30m")
        Duration clientRefresh();
    }

    /** Cluster metrics that cost an extra Proxmox call and are therefore refreshed less often than a snapshot. */
    interface Metrics {
        /**
         * How often {@code /cluster/backup-info/not-backed-up} is read for the guests-not-backed-up metrics; it is not
         * part of the per-resync snapshot.
         */
        @WithDefault("15m")
        Duration notBackedUpInterval();
    }

    /** The operator process itself (leader election, events). */
    interface Operator {
        LeaderElection leaderElection();

        /** Name written as the source component of the Kubernetes Events the operator records. */
        @WithDefault("underlay-operator")
        String eventComponent();

        /**
         * This installation's name in the ownership marker of every object it creates on Proxmox
         * ({@code underlay.dev/owner=<owner-id>/<namespace>/<name>}); a DNS label. Keep it across reinstalls and
         * restores; give a second installation that manages the same Proxmox cluster another one.
         */
        @WithDefault("underlay")
        String ownerId();
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
        /** Start an in-process Kubernetes API and the Proxmox VE simulator, and run the operator against them. */
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

        /** The Proxmox VE simulator embedded mode points the example ProxmoxClusters at. */
        EmbeddedSimulator simulator();
    }

    /**
     * The simulator of embedded mode: the seeded homelab over HTTPS on 127.0.0.1, reached through the REST client with
     * its certificate pinned, exactly as a real cluster would be.
     */
    interface EmbeddedSimulator {
        /** Start it with embedded mode (and rewrite the examples' ProxmoxClusters and token Secrets to use it). */
        @WithDefault("true")
        boolean enabled();

        /** HTTPS port on 127.0.0.1; 0 picks a free one. */
        @WithDefault("0")
        int port();

        /** The Proxmox VE release to mimic: 8.4 or 9.1. */
        @WithDefault("9.1")
        String version();
    }
}
