package dev.underlay.simulator.pve;

import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.Vm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fault injection on a running simulator: answers, latency, nodes, quorum, tasks, locks, auth.
 * Every request-level fault is bounded by a count so a test cannot leave a simulator broken
 * forever by accident.
 */
public final class Faults {

    private final PveSimulator sim;
    private final List<RequestFault> requestFaults = new ArrayList<>();
    private final List<LatencyRule> latencies = new ArrayList<>();
    private final java.util.Random random;

    Faults(PveSimulator sim, long seed) {
        this.sim = sim;
        this.random = new java.util.Random(seed);
    }

    /**
     * The next {@code count} requests whose method matches ({@code null} = any) and whose path
     * matches {@code pathRegex} are answered with {@code status} and {@code message} instead of
     * being handled.
     */
    public Faults failRequests(String method, String pathRegex, int count, int status, String message) {
        synchronized (requestFaults) {
            requestFaults.add(new RequestFault(method, Pattern.compile(pathRegex), status, message, count));
        }
        return this;
    }

    /**
     * Like {@link #failRequests} but each matching request fails only with probability
     * {@code rate} (drawn from the simulator's seeded random, so runs repeat), at most
     * {@code maxFailures} times.
     */
    public Faults failRequestsAtRate(
            String method, String pathRegex, double rate, int maxFailures, int status, String message) {
        if (rate <= 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be in (0, 1]");
        }
        synchronized (requestFaults) {
            RequestFault f = new RequestFault(method, Pattern.compile(pathRegex), status, message, maxFailures);
            f.rate = rate;
            requestFaults.add(f);
        }
        return this;
    }

    /** Requests matching {@code pathRegex} are held back by {@code delay} (applied by the facade). */
    public Faults latency(String pathRegex, Duration delay) {
        synchronized (latencies) {
            latencies.add(new LatencyRule(Pattern.compile(pathRegex), delay));
        }
        return this;
    }

    public Faults clearRequestFaults() {
        synchronized (requestFaults) {
            requestFaults.clear();
        }
        synchronized (latencies) {
            latencies.clear();
        }
        return this;
    }

    /** Node unreachable: proxied calls answer 595, its guests turn {@code unknown}, quorum may go. */
    public Faults nodeOffline(String node) {
        sim.mutate(ctx -> {
            if (ctx.node(node).online) {
                ctx.node(node).online = false;
                sim.endpoints().nodeFailed(node);
            }
        });
        return this;
    }

    public Faults nodeOnline(String node) {
        sim.mutate(ctx -> {
            Node n = ctx.node(node);
            if (!n.online) {
                n.online = true;
                n.bootedAt = ctx.clock().instant();
                ctx.model().vmsOn(node).forEach(vm -> {
                    vm.running = false;
                    vm.startedAt = null;
                });
            }
        });
        return this;
    }

    /** Corosync votes of one node (default 1); quorum needs more than half of all votes online. */
    public Faults nodeVotes(String node, int votes) {
        sim.mutate(ctx -> ctx.node(node).votes = votes);
        return this;
    }

    public Faults loseQuorum() {
        sim.mutate(ctx -> ctx.model().quorumLostByFault = true);
        return this;
    }

    public Faults restoreQuorum() {
        sim.mutate(ctx -> ctx.model().quorumLostByFault = false);
        return this;
    }

    /** The next task of {@code taskType} (qmstart, vzdump, ...) stops with {@code exitStatus}. */
    public Faults failNextTask(String taskType, String exitStatus) {
        sim.mutate(ctx -> ctx.tasks().failNext(taskType, exitStatus));
        return this;
    }

    /** Every later restore of the backup archive {@code volid} fails, as a damaged or truncated archive does. */
    public Faults corruptArchive(String volid) {
        sim.mutate(ctx -> ctx.model().volumes.values().stream()
                .filter(v -> v.volid.equals(volid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no volume " + volid))
                .corrupt = true);
        return this;
    }

    /** Every archive of guest {@code vmid}, those there and those vzdump writes later, fails to restore. */
    public Faults corruptArchivesOf(int vmid) {
        sim.mutate(ctx -> {
            ctx.model().corruptBackupsOf.add(vmid);
            ctx.model().volumes.values().stream()
                    .filter(v -> Integer.valueOf(vmid).equals(v.vmid) && v.backupConfig != null)
                    .forEach(v -> v.corrupt = true);
        });
        return this;
    }

    /** Puts {@code lock: <kind>} on the guest (backup, migrate, clone, create, ...) as a stuck task would. */
    public Faults holdLock(int vmid, String kind) {
        sim.mutate(ctx -> vm(ctx, vmid).lock = kind);
        return this;
    }

    public Faults releaseLock(int vmid) {
        sim.mutate(ctx -> vm(ctx, vmid).lock = null);
        return this;
    }

    /** Someone holds the config file lock: writes answer "can't lock file ... - got timeout". */
    public Faults holdConfigFileLock(int vmid) {
        sim.mutate(ctx -> ctx.heldFileLocks.add(vmid));
        return this;
    }

    public Faults releaseConfigFileLock(int vmid) {
        sim.mutate(ctx -> ctx.heldFileLocks.remove(vmid));
        return this;
    }

    /** Every request by this user or token id answers 401 or 403 until {@link #acceptPrincipal}. */
    public Faults rejectPrincipal(String principalId, int status) {
        sim.access().reject(principalId, status);
        return this;
    }

    public Faults acceptPrincipal(String principalId) {
        sim.access().accept(principalId);
        return this;
    }

    /** The user or token loses one privilege: calls needing it answer 403. */
    public Faults revokePrivilege(String principalId, String privilege) {
        sim.access().revoke(principalId, privilege);
        return this;
    }

    private static Vm vm(dev.underlay.simulator.pve.api.SimContext ctx, int vmid) {
        Vm vm = ctx.model().vms.get(vmid);
        if (vm == null) {
            throw new IllegalArgumentException("no VM " + vmid);
        }
        return vm;
    }

    Optional<RequestFault> takeRequestFault(String method, String path) {
        synchronized (requestFaults) {
            Iterator<RequestFault> it = requestFaults.iterator();
            while (it.hasNext()) {
                RequestFault f = it.next();
                if ((f.method == null || f.method.equals(method))
                        && f.path.matcher(path).find()) {
                    if (f.rate < 1 && random.nextDouble() >= f.rate) {
                        continue;
                    }
                    f.remaining--;
                    if (f.remaining <= 0) {
                        it.remove();
                    }
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    Duration latencyFor(String path) {
        Duration total = Duration.ZERO;
        synchronized (latencies) {
            for (LatencyRule r : latencies) {
                if (r.path.matcher(path).find()) {
                    total = total.plus(r.delay);
                }
            }
        }
        return total;
    }

    static final class RequestFault {
        final String method;
        final Pattern path;
        final int status;
        final String message;
        int remaining;
        double rate = 1;

        RequestFault(String method, Pattern path, int status, String message, int remaining) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.message = message;
            this.remaining = remaining;
        }
    }

    private record LatencyRule(Pattern path, Duration delay) {}
}
