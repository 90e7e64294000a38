package dev.underlay.ceph.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephAuthenticationException;
import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.CephInvalidRequestException;
import dev.underlay.ceph.CephNotFoundException;
import dev.underlay.ceph.OperationWait;
import dev.underlay.ceph.model.CephHealth;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.ceph.model.CrushRule;
import dev.underlay.ceph.model.OsdTree;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolChange;
import dev.underlay.ceph.model.PoolNames;
import dev.underlay.ceph.model.PoolRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Ceph manager Dashboard REST API as a {@link CephApi}. Logs in with username and password ({@code POST
 * /api/auth}, a JWT valid for hours) and logs in again once when a call is answered 401 (expired or revoked token).
 * Pool create, edit and delete run as Dashboard tasks: an answer within two seconds is final, a 202 names the task,
 * which is then followed through {@code GET /api/task} for at most the {@link OperationWait}.
 *
 * <p>The Dashboard drops an edit sent while an earlier edit task of the same pool still runs (it answers 202 with
 * the old task), so {@link #updatePool} refuses with a retryable {@link CephConflictException} instead. It also
 * refuses {@code size: 1} (Ceph wants a confirmation flag the Dashboard cannot pass), which is refused here before
 * anything is sent, because a create would otherwise leave a pool behind and then fail.
 */
public final class DashboardCephApi implements CephApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DashboardSettings settings;
    private final DashboardTransport transport;
    private final OperationWait wait;
    private final Object loginLock = new Object();
    private volatile String token;

    public DashboardCephApi(DashboardSettings settings, OperationWait wait) {
        this(settings, new HttpDashboardTransport(settings), wait);
    }

    DashboardCephApi(DashboardSettings settings, DashboardTransport transport, OperationWait wait) {
        this.settings = settings;
        this.transport = transport;
        this.wait = wait;
    }

    @Override
    public List<Pool> pools() throws CephApiException {
        JsonNode list = call(DashboardEndpoint.LIST_POOLS, "/api/pool?attrs=" + DashboardCodec.POOL_ATTRS, null);
        return DashboardCodec.pools(list, call(DashboardEndpoint.HEALTH, "/api/health/full", null));
    }

    /** Read through the list: {@code GET /api/pool/{name}} also opens an RBD handle on every call. */
    @Override
    public Optional<Pool> pool(String name) throws CephApiException {
        return pools().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public CephOperation createPool(PoolRequest request) throws CephApiException {
        String name = request.name();
        if (!PoolNames.isValid(name)) {
            throw new CephInvalidRequestException(0, "not a pool name: " + name, "name");
        }
        refuseSizeOne(request.size());
        if (pool(name).isPresent()) {
            throw new CephConflictException(0, "pool " + name + " already exists", false);
        }
        ObjectNode body = NODES.objectNode()
                .put("pool", name)
                .put("pool_type", "replicated")
                .put("pg_num", request.pgNum());
        putIfSet(body, "size", request.size());
        putIfSet(body, "min_size", request.minSize());
        putIfSet(body, "rule_name", request.crushRule());
        putIfSet(body, "target_size_ratio", request.targetSizeRatio());
        if (request.pgAutoscaleMode() != null) {
            body.put("pg_autoscale_mode", request.pgAutoscaleMode().wire());
        }
        if (request.application() != null) {
            body.set("application_metadata", NODES.arrayNode().add(request.application()));
        }
        return mutate(DashboardEndpoint.CREATE_POOL, "/api/pool", body, "pool/create", name);
    }

    @Override
    public CephOperation updatePool(String name, PoolChange change) throws CephApiException {
        if (pool(name).isEmpty()) {
            throw new CephNotFoundException(0, "no pool " + name);
        }
        if (change.isEmpty()) {
            return CephOperation.done("pool/edit " + name);
        }
        refuseSizeOne(change.size());
        if (taskRunning("pool/edit", name)) {
            throw new CephConflictException(0, "an edit of pool " + name + " is still running", true);
        }
        ObjectNode body = NODES.objectNode();
        putIfSet(body, "size", change.size());
        putIfSet(body, "min_size", change.minSize());
        putIfSet(body, "pg_num", change.pgNum());
        putIfSet(body, "crush_rule", change.crushRule());
        putIfSet(body, "target_size_ratio", change.targetSizeRatio());
        if (change.pgAutoscaleMode() != null) {
            body.put("pg_autoscale_mode", change.pgAutoscaleMode().wire());
        }
        if (change.application() != null) {
            // the full desired list: the Dashboard disables every application not in it
            body.set("application_metadata", NODES.arrayNode().add(change.application()));
        }
        return mutate(DashboardEndpoint.UPDATE_POOL, poolPath(name), body, "pool/edit", name);
    }

    /** Checks first: the Dashboard answers 204 for a pool that does not exist. */
    @Override
    public CephOperation deletePool(String name) throws CephApiException {
        if (pool(name).isEmpty()) {
            throw new CephNotFoundException(0, "no pool " + name);
        }
        return mutate(DashboardEndpoint.DELETE_POOL, poolPath(name), null, "pool/delete", name);
    }

    @Override
    public boolean isFinished(CephOperation operation) throws CephApiException {
        if (operation.finished()) {
            return true;
        }
        String[] task = operation.reference().split(" ", 2);
        return taskFinished(task[0], task[1], operation.description());
    }

    @Override
    public CephHealth health() throws CephApiException {
        return DashboardCodec.health(call(DashboardEndpoint.HEALTH, "/api/health/full", null));
    }

    @Override
    public List<CrushRule> crushRules() throws CephApiException {
        return DashboardCodec.crushRules(call(DashboardEndpoint.CRUSH_RULES, "/api/crush_rule", null));
    }

    @Override
    public OsdTree osdTree() throws CephApiException {
        return DashboardCodec.osds(call(DashboardEndpoint.OSDS, "/api/osd", null));
    }

    @Override
    public Set<String> osdFlags() throws CephApiException {
        Set<String> flags = new LinkedHashSet<>();
        call(DashboardEndpoint.OSD_FLAGS, "/api/osd/flags", null).forEach(f -> flags.add(f.asText()));
        return flags;
    }

    /** {@code PUT /api/osd/flags} replaces the whole set, so the current set is read and sent back changed. */
    @Override
    public void setNoout(boolean on) throws CephApiException {
        Set<String> flags = osdFlags();
        if (on ? !flags.add("noout") : !flags.remove("noout")) {
            return;
        }
        ArrayNode list = NODES.arrayNode();
        flags.forEach(list::add);
        call(
                DashboardEndpoint.SET_OSD_FLAGS,
                "/api/osd/flags",
                NODES.objectNode().set("flags", list));
    }

    @Override
    public void close() {
        transport.close();
    }

    // --- tasks -------------------------------------------------------------------------------------------------

    private CephOperation mutate(DashboardEndpoint endpoint, String path, JsonNode body, String task, String pool)
            throws CephApiException {
        DashboardExchange.Answer answer = send(endpoint, path, body);
        String description = task + " " + pool;
        if (answer.status() != 202) {
            return CephOperation.done(description);
        }
        CephOperation running = new CephOperation(description, task + " " + pool, false);
        return wait.until(() -> isFinished(running)) ? running.asFinished() : running;
    }

    private boolean taskRunning(String task, String pool) throws CephApiException {
        JsonNode tasks = call(DashboardEndpoint.TASKS, "/api/task?name=" + encode(task), null);
        for (JsonNode t : tasks.path("executing_tasks")) {
            if (forPool(t, task, pool)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Running while the task is listed as executing. Finished tasks are kept only briefly (the ten latest, or a
     * minute), so a task in neither list has finished too; the caller re-reads the pool for the outcome.
     */
    private boolean taskFinished(String task, String pool, String description) throws CephApiException {
        JsonNode tasks = call(DashboardEndpoint.TASKS, "/api/task?name=" + encode(task), null);
        for (JsonNode t : tasks.path("executing_tasks")) {
            if (forPool(t, task, pool)) {
                return false;
            }
        }
        for (JsonNode t : tasks.path("finished_tasks")) {
            if (forPool(t, task, pool) && !t.path("success").asBoolean(true)) {
                throw DashboardErrors.taskFailed(description, DashboardErrors.text(t.path("exception"), "detail"));
            }
        }
        return true;
    }

    private static boolean forPool(JsonNode task, String name, String pool) {
        return name.equals(task.path("name").asText())
                && pool.equals(task.path("metadata").path("pool_name").asText());
    }

    // --- calls -------------------------------------------------------------------------------------------------

    private JsonNode call(DashboardEndpoint endpoint, String path, JsonNode body) throws CephApiException {
        return parse(endpoint, send(endpoint, path, body).body());
    }

    /** One call with the current token; on 401 one fresh login and one retry, then the 401 stands. */
    private DashboardExchange.Answer send(DashboardEndpoint endpoint, String path, JsonNode body)
            throws CephApiException {
        String json = body == null ? null : body.toString();
        String used = currentToken();
        DashboardExchange.Answer answer = transport.send(exchange(endpoint, path, json, used));
        if (answer.status() == 401) {
            answer = transport.send(exchange(endpoint, path, json, renewToken(used)));
        }
        if (answer.status() >= 400) {
            throw DashboardErrors.of(
                    exchange(endpoint, path, json, null).describe(), answer.status(), tryParse(answer));
        }
        return answer;
    }

    private static DashboardExchange exchange(DashboardEndpoint endpoint, String path, String json, String token) {
        return new DashboardExchange(endpoint.method(), path, endpoint.version(), json, token);
    }

    private String currentToken() throws CephApiException {
        String current = token;
        return current != null ? current : renewToken(null);
    }

    /** Logs in unless another thread already replaced {@code stale}; concurrent 401s cause one login. */
    private String renewToken(String stale) throws CephApiException {
        synchronized (loginLock) {
            if (token != null && !token.equals(stale)) {
                return token;
            }
            ObjectNode credentials =
                    NODES.objectNode().put("username", settings.username()).put("password", settings.password());
            DashboardEndpoint login = DashboardEndpoint.LOGIN;
            DashboardExchange.Answer answer =
                    transport.send(exchange(login, login.template(), credentials.toString(), null));
            JsonNode body = tryParse(answer);
            if (answer.status() == 400 || answer.status() == 401) {
                // a wrong password is a 400 with code invalid_credentials; never echo what was sent
                throw new CephAuthenticationException(
                        answer.status(),
                        "Dashboard login as " + settings.username() + " refused: "
                                + DashboardErrors.text(body, "detail"));
            }
            if (answer.status() >= 300) {
                throw DashboardErrors.of("POST /api/auth", answer.status(), body);
            }
            String fresh = DashboardErrors.text(body, "token");
            if (fresh.isEmpty()) {
                throw new CephAuthenticationException(answer.status(), "the Dashboard login answered no token");
            }
            token = fresh;
            return fresh;
        }
    }

    private static JsonNode parse(DashboardEndpoint endpoint, String body) throws CephApiException {
        try {
            return body == null || body.isBlank() ? NODES.nullNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CephApiException(
                    0, endpoint.method() + " " + endpoint.template() + ": the Dashboard answered no JSON", false, e);
        }
    }

    private static JsonNode tryParse(DashboardExchange.Answer answer) {
        try {
            return answer.body() == null || answer.body().isBlank() ? null : JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void refuseSizeOne(Integer size) throws CephInvalidRequestException {
        if (size != null && size == 1) {
            throw new CephInvalidRequestException(
                    0, "the Dashboard cannot set size 1 (Ceph asks for --yes-i-really-mean-it)", "size");
        }
    }

    private static void putIfSet(ObjectNode body, String field, Object value) {
        if (value instanceof Integer i) {
            body.put(field, i);
        } else if (value instanceof Double d) {
            body.put(field, d);
        } else if (value instanceof String s) {
            body.put(field, s);
        }
    }

    private static String poolPath(String name) {
        return "/api/pool/" + encode(name);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
