package dev.underlay.simulator.pve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.simulator.pve.api.Call;
import dev.underlay.simulator.pve.api.Endpoints;
import dev.underlay.simulator.pve.api.Json;
import dev.underlay.simulator.pve.api.Routes;
import dev.underlay.simulator.pve.api.SimContext;
import dev.underlay.simulator.pve.auth.AccessControl;
import dev.underlay.simulator.pve.auth.Principal;
import dev.underlay.simulator.pve.journal.RequestJournal;
import dev.underlay.simulator.pve.model.BackupJob;
import dev.underlay.simulator.pve.model.ClusterModel;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.schema.PathTemplates;
import dev.underlay.simulator.pve.schema.PveSchema;
import dev.underlay.simulator.pve.schema.PveSchemaValidator;
import dev.underlay.simulator.pve.task.Task;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory Proxmox VE cluster behind one entry point, {@link #handle(SimRequest)}. Every
 * request goes auth → schema validation → faults → route → handler, against the official schema
 * of the simulated version. Thread-safe: requests are serialised on one lock, which is plenty
 * for tests and keeps the model simple. No Quarkus or CDI is needed to build one.
 *
 * <p>Time comes from the injected {@link Clock}; tasks and HA reactions complete when the clock
 * says so (checked at every request or {@link #tick()}), so a {@link ManualClock} makes every
 * test deterministic.
 */
public final class PveSimulator {

    // org.jboss.logging rather than io.quarkus.logging.Log: the simulator also runs outside Quarkus
    // (plain unit tests, the standalone main), where Log's build-time rewriting is absent.
    private static final Logger LOG = Logger.getLogger(PveSimulator.class);
    private static final String NO_QUORUM = "cluster not ready - no quorum?";

    private final ReentrantLock lock = new ReentrantLock();
    private final PveVersion version;
    private final SimContext ctx;
    private final Routes routes;
    private final Endpoints endpoints;
    private final PveSchemaValidator validator;
    private final AccessControl access;
    private final RequestJournal journal = new RequestJournal(20_000);
    private final Faults faults;
    private final SeedCredentials credentials;
    private volatile Duration authFailureDelay = Duration.ofSeconds(3);
    private volatile boolean errorMessageField = true;
    private volatile boolean fireBackupSchedules;

    PveSimulator(PveVersion version, Clock clock, long seed, ClusterModel model, SeedCredentials credentials) {
        this.version = version;
        this.faults = new Faults(this, seed);
        PveSchema schema = PveSchema.of(version);
        this.validator = new PveSchemaValidator(schema);
        this.access = new AccessControl(clock, version);
        this.credentials = credentials;
        access.addUser(credentials.rootUser(), credentials.rootPassword());
        access.addToken(credentials.tokenId(), credentials.tokenSecret());
        java.util.Random random = new java.util.Random(seed);
        dev.underlay.simulator.pve.task.TaskEngine tasks = new dev.underlay.simulator.pve.task.TaskEngine(
                clock,
                seed,
                node -> model.node(node)
                        .map(n -> Duration.between(n.bootedAt, clock.instant()).getSeconds())
                        .orElse(1L));
        this.ctx = new SimContext(model, tasks, clock, version, schema, access, random);
        this.endpoints = new Endpoints(ctx);
        this.routes = endpoints.routes();
    }

    public static PveSimulatorBuilder builder() {
        return new PveSimulatorBuilder();
    }

    /** The reference homelab (three nodes, Ceph, four storages, no guests) on the system clock. */
    public static PveSimulator homelab(PveVersion version) {
        return builder().version(version).build();
    }

    public PveVersion version() {
        return version;
    }

    public Clock clock() {
        return ctx.clock();
    }

    public Faults faults() {
        return faults;
    }

    public RequestJournal journal() {
        return journal;
    }

    public SeedCredentials credentials() {
        return credentials;
    }

    /** Token credentials of the seeded operator token, ready for {@link SimRequest}. */
    public Credentials operatorToken() {
        return Credentials.token(credentials.tokenId(), credentials.tokenSecret());
    }

    /** "METHOD template" of every endpoint this simulator implements (others answer 501). */
    public java.util.Set<String> implementedEndpoints() {
        return routes.keys();
    }

    Endpoints endpoints() {
        return endpoints;
    }

    AccessControl access() {
        return access;
    }

    public Duration authFailureDelay() {
        return authFailureDelay;
    }

    /** How long facades should hold back a 401 (PVE: about 3 s). */
    public PveSimulator authFailureDelay(Duration delay) {
        this.authFailureDelay = delay;
        return this;
    }

    /** Whether error bodies carry {@code "message"} (libpve-http-server-perl ≥ 5.2.0: PVE 8.4 and 9.x). */
    public PveSimulator errorMessageField(boolean on) {
        this.errorMessageField = on;
        return this;
    }

    public PveSimulator taskLatency(Duration min, Duration max) {
        mutate(c -> c.tasks().setDefaultLatency(min, max));
        return this;
    }

    public PveSimulator taskLatency(String taskType, Duration latency) {
        mutate(c -> c.tasks().setLatency(taskType, latency));
        return this;
    }

    /**
     * A Ceph client writing into a pool outside Proxmox ({@code rados put}): adds {@code bytes} to what the pool
     * stores (its object count follows at 4 MiB per object).
     */
    public PveSimulator writeToPool(String pool, long bytes) {
        mutate(c -> c.model().ceph.pools.get(pool).bytesUsed += bytes);
        return this;
    }

    public PveSimulator haReactionDelay(Duration delay) {
        mutate(c -> c.haReactionDelay = delay);
        return this;
    }

    public PveSimulator agentStartDelay(Duration delay) {
        mutate(c -> c.agentStartDelay = delay);
        return this;
    }

    /**
     * Switches PVE 9 HA between groups (not yet migrated) and rules (migrated). Groups to rules migrates the
     * existing groups as PVE does ({@code HaState.switchTo}).
     */
    public PveSimulator haMode(dev.underlay.simulator.pve.model.HaState.Mode mode) {
        if (!version.atLeast9() && mode == dev.underlay.simulator.pve.model.HaState.Mode.RULES) {
            throw new IllegalArgumentException("PVE 8 has no HA rules");
        }
        mutate(c -> c.model().ha.switchTo(mode));
        return this;
    }

    /**
     * Lets one node run another pve-manager release than the cluster, as mid-upgrade ({@code "8.4.2"}); null
     * resets it. Only that node's {@code /nodes/{node}/status} shows it: the simulated API always answers as the
     * simulator's version.
     */
    public PveSimulator nodeVersion(String node, String pveVersion) {
        mutate(c -> c.node(node).pveVersion = pveVersion);
        return this;
    }

    /** HA node maintenance ({@code ha-manager crm-command node-maintenance}): HA guests move away. */
    public PveSimulator nodeMaintenance(String node, boolean on) {
        mutate(c -> endpoints.setNodeMaintenance(node, on));
        return this;
    }

    /** Let backup jobs run by themselves when their schedule comes due on the clock (off by default). */
    public PveSimulator fireBackupSchedules(boolean on) {
        this.fireBackupSchedules = on;
        return this;
    }

    /** Runs a backup job now (as its schedule would); returns the UPIDs of the vzdump tasks. */
    public List<String> runBackupJob(String jobId) {
        return query(c -> {
            BackupJob job = c.model().backupJobs.get(jobId);
            if (job == null) {
                throw new IllegalArgumentException("no backup job " + jobId);
            }
            return endpoints.runBackupJob(job).stream().map(t -> t.upid).toList();
        });
    }

    /** Completes whatever is due on the clock (requests do this too). */
    public void tick() {
        mutate(c -> {});
    }

    /** Reads the model under the lock (for tests and the later in-JVM facade). */
    public <T> T query(Function<SimContext, T> reader) {
        lock.lock();
        try {
            advance();
            return reader.apply(ctx);
        } finally {
            lock.unlock();
        }
    }

    void mutate(Consumer<SimContext> change) {
        query(c -> {
            change.accept(c);
            return null;
        });
    }

    public Optional<Task> task(String upid) {
        return query(c -> c.tasks().find(upid));
    }

    public SimResponse handle(SimRequest request) {
        lock.lock();
        try {
            advance();
            return dispatch(request);
        } finally {
            lock.unlock();
        }
    }

    private void advance() {
        ctx.tasks().advance();
        if (fireBackupSchedules) {
            endpoints.fireDueBackupJobs(ctx);
        }
    }

    private SimResponse dispatch(SimRequest req) {
        String path = normalise(req.path());
        Principal principal = Principal.ANONYMOUS;
        Duration delay = faults.latencyFor(path);
        try {
            if (req.bodyOnReadMethod()) {
                throw PveError.status(501, "Unexpected content for method '" + req.method() + "'");
            }
            boolean open = path.equals("/access/ticket")
                            && (req.method().equals("POST") || req.method().equals("GET"))
                    || path.equals("/access/domains") && req.method().equals("GET");
            if (!open) {
                principal = access.authenticate(req.credentials(), req.mutating());
            }
            PathTemplates.Match match = ctx.schema()
                    .matchPath(path)
                    .orElseThrow(
                            () -> PveError.status(501, "Method '" + req.method() + " " + path + "' not implemented"));
            PveSchema.Endpoint endpoint = ctx.schema()
                    .endpoint(match.template(), req.method())
                    .orElseThrow(
                            () -> PveError.status(501, "Method '" + req.method() + " " + path + "' not implemented"));
            if (!endpoint.allowToken() && req.credentials() instanceof Credentials.Token) {
                throw PveError.status(
                        403,
                        "Permission check failed (URI '" + path
                                + "' not available with API token, need proper ticket.\n)");
            }
            Map<String, java.util.List<String>> all = new LinkedHashMap<>(req.params());
            match.variables().forEach((k, v) -> all.put(k, List.of(v)));
            Map<String, String> params = validator.validate(endpoint, all);
            Optional<Faults.RequestFault> fault = faults.takeRequestFault(req.method(), path);
            if (fault.isPresent()) {
                throw fault.get().status == 595 || fault.get().status == 596 || fault.get().status == 401
                        ? PveError.emptyBody(fault.get().status, fault.get().message)
                        : PveError.status(fault.get().status, fault.get().message);
            }
            checkNodeReachable(match);
            if (req.mutating() && !open && !ctx.model().quorate()) {
                throw PveError.die(NO_QUORUM);
            }
            Routes.Handler handler = routes.find(req.method(), match.template())
                    .orElseThrow(() -> PveError.status(
                            501,
                            "Method '" + req.method() + " " + match.template()
                                    + "' not implemented by the Proxmox VE simulator"));
            JsonNode data = handler.handle(new Call(ctx, principal, params, req));
            ctx.tasks().advance();
            ObjectNode body = Json.obj();
            body.set("data", data);
            Optional<String> upid =
                    data != null && data.isTextual() && data.asText().startsWith("UPID:")
                            ? Optional.of(data.asText())
                            : Optional.empty();
            journal.record(ctx.clock().instant(), req.method(), path, req.params(), principal.id(), 200, upid);
            return new SimResponse(200, "OK", Optional.of(write(body)), delay);
        } catch (PveError e) {
            journal.record(
                    ctx.clock().instant(),
                    req.method(),
                    path,
                    req.params(),
                    principal.id(),
                    e.status(),
                    Optional.empty());
            if (e.status() == 401) {
                delay = delay.plus(authFailureDelay);
            }
            if (e.status() >= 500 && e.status() != 501) {
                LOG.debugf("%s %s -> %d %s", req.method(), path, e.status(), e.reasonPhrase());
            }
            return errorResponse(e, delay);
        } catch (RuntimeException e) {
            LOG.errorf(e, "simulator bug on %s %s", req.method(), path);
            journal.record(
                    ctx.clock().instant(), req.method(), path, req.params(), principal.id(), 500, Optional.empty());
            return errorResponse(
                    PveError.die("simulator internal error: " + e.getClass().getSimpleName()), delay);
        }
    }

    private void checkNodeReachable(PathTemplates.Match match) {
        String nodeName = match.variables().get("node");
        if (nodeName == null || !match.template().startsWith("/nodes/{node}")) {
            return;
        }
        Node node =
                ctx.model().node(nodeName).orElseThrow(() -> PveError.die("no such cluster node '" + nodeName + "'"));
        if (!node.online) {
            throw PveError.emptyBody(
                    595, "Errors during connection establishment, proxy handshake: Connection refused");
        }
    }

    private SimResponse errorResponse(PveError e, Duration delay) {
        if (e.emptyBodyAnswer()) {
            return new SimResponse(e.status(), e.reasonPhrase(), Optional.empty(), delay);
        }
        ObjectNode body = Json.obj();
        body.putNull("data");
        if (!e.paramErrors().isEmpty()) {
            ObjectNode errors = Json.obj();
            e.paramErrors().forEach(errors::put);
            body.set("errors", errors);
        }
        if (errorMessageField) {
            String msg = e.getMessage();
            body.put("message", msg.endsWith("\n") ? msg : msg + "\n");
        }
        return new SimResponse(e.status(), e.reasonPhrase(), Optional.of(write(body)), delay);
    }

    private static String normalise(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seeded logins: an operator API token and a root password for ticket login. */
    public record SeedCredentials(String tokenId, String tokenSecret, String rootUser, String rootPassword) {
        @Override
        public String toString() {
            return "SeedCredentials[" + tokenId + ", " + rootUser + ", <secrets redacted>]";
        }
    }
}
