package dev.underlay.ceph.dashboard;

import dev.underlay.ceph.CephAuthenticationException;
import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.CephInvalidRequestException;
import dev.underlay.ceph.CephPermissionDeniedException;
import dev.underlay.ceph.CephUnavailableException;
import dev.underlay.ceph.OperationWait;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.ceph.model.PoolChange;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Dashboard backend's protocol handling against scripted answers shaped like Ceph 16's (see the notes). */
class DashboardCephApiTest {

    private static final DashboardSettings SETTINGS =
            DashboardSettings.of(URI.create("http://127.0.0.1:1"), "admin", "s3cret-Pa55!");
    private static final OperationWait NO_WAIT = new OperationWait(Duration.ZERO, Duration.ofMillis(1));
    private static final String LOGIN_OK = "{\"token\": \"jwt-1\", \"username\": \"admin\"}";
    private static final String POOLS = "[{\"pool_name\": \"vm-disks\", \"pool\": 2, \"size\": 3, \"min_size\": 2,"
            + " \"pg_num\": 8, \"pg_num_target\": 16, \"pg_autoscale_mode\": \"off\", \"crush_rule\": \"replicated_rule\","
            + " \"application_metadata\": [\"rbd\"], \"options\": {}}]";
    private static final String HEALTH = "{\"health\": {\"status\": \"HEALTH_OK\", \"checks\": []},"
            + " \"df\": {\"stats\": {}, \"pools\": [{\"name\": \"vm-disks\", \"stats\": {\"stored\": 5, \"objects\": 1,"
            + " \"bytes_used\": 15, \"max_avail\": 100, \"percent_used\": 0.01}}]}}";
    private static final String EDIT_RUNNING = "{\"executing_tasks\": [{\"name\": \"pool/edit\","
            + " \"metadata\": {\"pool_name\": \"vm-disks\"}}], \"finished_tasks\": []}";
    private static final String NO_TASKS = "{\"executing_tasks\": [], \"finished_tasks\": []}";

    private static ScriptedDashboard dashboardWithPool() {
        return new ScriptedDashboard()
                .answer("POST /api/auth", 201, LOGIN_OK)
                .answer("GET /api/pool", 200, POOLS)
                .answer("GET /api/health/full", 200, HEALTH);
    }

    @Test
    void sendsTheVersionedAcceptHeaderAndLogsInOnce() throws Exception {
        ScriptedDashboard dashboard = dashboardWithPool();
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        var pool = ceph.pool("vm-disks").orElseThrow();
        ceph.pools();

        assertThat(pool.pgNum()).isEqualTo(8);
        assertThat(pool.pgNumTarget()).isEqualTo(16);
        assertThat(pool.usage().objects()).isEqualTo(1);
        assertThat(pool.usage().maxAvailBytes()).isEqualTo(100);
        assertThat(dashboard.count("POST /api/auth")).isEqualTo(1);
        assertThat(dashboard.sent()).allSatisfy(e -> assertThat(e.apiVersion()).isEqualTo("1.0"));
        assertThat(dashboard.sent())
                .filteredOn(e -> !e.path().equals("/api/auth"))
                .allSatisfy(e -> assertThat(e.token()).isEqualTo("jwt-1"));
    }

    @Test
    void anExpiredTokenIsRenewedOnceThenTheCallRepeats() throws Exception {
        ScriptedDashboard dashboard = new ScriptedDashboard()
                .answer("POST /api/auth", 201, LOGIN_OK)
                .answer("POST /api/auth", 201, "{\"token\": \"jwt-2\"}")
                .answer("GET /api/osd/flags", 200, "[\"sortbitwise\"]")
                .answer("GET /api/osd/flags", 401, "{\"detail\": \"You are not authorized\"}")
                .answer("GET /api/osd/flags", 200, "[\"sortbitwise\", \"noout\"]");
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        ceph.osdFlags();
        assertThat(ceph.osdFlags()).containsExactly("sortbitwise", "noout");

        assertThat(dashboard.count("POST /api/auth")).isEqualTo(2);
        assertThat(dashboard.sent().get(dashboard.sent().size() - 1).token()).isEqualTo("jwt-2");
    }

    @Test
    void aTokenRefusedAgainAfterLoginIsAnAuthenticationFailure() {
        ScriptedDashboard dashboard = new ScriptedDashboard()
                .answer("POST /api/auth", 201, LOGIN_OK)
                .answer("GET /api/osd/flags", 401, "{\"detail\": \"You are not authorized\"}");
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        assertThatThrownBy(ceph::osdFlags).isInstanceOf(CephAuthenticationException.class);
        assertThat(dashboard.count("GET /api/osd/flags")).isEqualTo(2);
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() {
        ScriptedDashboard dashboard = new ScriptedDashboard()
                .answer(
                        "POST /api/auth",
                        400,
                        "{\"detail\": \"Invalid credentials\", \"code\": \"invalid_credentials\"}");
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        assertThatThrownBy(ceph::health)
                .isInstanceOf(CephAuthenticationException.class)
                .hasMessageContaining("Invalid credentials")
                .hasMessageNotContaining(SETTINGS.password());
    }

    @Test
    void aLongEditIsFollowedThroughItsTaskAndAFailedTaskIsClassified() throws Exception {
        ScriptedDashboard dashboard = dashboardWithPool()
                .answer("GET /api/task", 200, NO_TASKS) // nothing runs before the PUT
                .answer("GET /api/task", 200, EDIT_RUNNING) // the backend's own look right after the 202
                .answer("GET /api/task", 200, EDIT_RUNNING) // the caller's first look
                .answer(
                        "GET /api/task",
                        200,
                        "{\"executing_tasks\": [], \"finished_tasks\": [{\"name\": \"pool/edit\", \"metadata\":"
                                + " {\"pool_name\": \"vm-disks\"}, \"success\": false, \"exception\": {\"detail\":"
                                + " \"[errno -22] pool min_size must be between 1 and size\"}}]}")
                .answer(
                        "PUT /api/pool/vm-disks",
                        202,
                        "{\"name\": \"pool/edit\", \"metadata\": {\"pool_name\": \"vm-disks\"}}");
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        CephOperation running = ceph.updatePool("vm-disks", PoolChange.pgNum(16));

        assertThat(running.finished()).isFalse();
        assertThat(running.description()).isEqualTo("pool/edit vm-disks");
        assertThat(ceph.isFinished(running)).isFalse();
        assertThatThrownBy(() -> ceph.isFinished(running))
                .isInstanceOfSatisfying(
                        CephInvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("min_size must be between"));
        assertThat(dashboard.sent())
                .filteredOn(e -> e.method().equals("PUT"))
                .singleElement()
                .satisfies(e -> assertThat(e.json()).isEqualTo("{\"pg_num\":16}"));
    }

    @Test
    void anEditWhileAnotherRunsIsRefusedAsRetryable() {
        ScriptedDashboard dashboard = dashboardWithPool().answer("GET /api/task", 200, EDIT_RUNNING);
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        assertThatThrownBy(() -> ceph.updatePool("vm-disks", PoolChange.application("rgw")))
                .isInstanceOfSatisfying(
                        CephConflictException.class,
                        e -> assertThat(e.isRetryable()).isTrue());
        assertThat(dashboard.count("PUT /api/pool/vm-disks")).isZero();
    }

    @Test
    void errorAnswersMapOntoTheClasses() {
        ScriptedDashboard dashboard = new ScriptedDashboard()
                .answer("POST /api/auth", 201, LOGIN_OK)
                .answer("GET /api/crush_rule", 403, "{\"detail\": \"Access denied\"}")
                .answer("GET /api/osd", 500, "{\"status\": \"500 Internal Server Error\"}");
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        assertThatThrownBy(ceph::crushRules).isInstanceOf(CephPermissionDeniedException.class);
        assertThatThrownBy(ceph::osdTree)
                .isInstanceOfSatisfying(
                        CephUnavailableException.class,
                        e -> assertThat(e.isRetryable()).isTrue());
        assertThat(DashboardErrors.taskFailed("pool/create x", "[errno -17] pool 'x' already exists"))
                .isInstanceOf(CephConflictException.class);
        assertThat(DashboardErrors.taskFailed(
                        "pool/create x", "[errno -34] 'pg_num' must be greater than 0 and less than or equal to 65536"))
                .isInstanceOfSatisfying(
                        CephInvalidRequestException.class,
                        e -> assertThat(e.field()).contains("pg_num"));
    }

    @Test
    void nooutIsSetByRewritingTheWholeFlagList() throws Exception {
        ScriptedDashboard dashboard = new ScriptedDashboard()
                .answer("POST /api/auth", 201, LOGIN_OK)
                .answer("GET /api/osd/flags", 200, "[\"sortbitwise\", \"recovery_deletes\"]")
                .answer("PUT /api/osd/flags", 200, "[\"sortbitwise\", \"recovery_deletes\", \"noout\"]");
        DashboardCephApi ceph = new DashboardCephApi(SETTINGS, dashboard, NO_WAIT);

        ceph.setNoout(true);

        assertThat(dashboard.sent())
                .filteredOn(e -> e.method().equals("PUT"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.json()).isEqualTo("{\"flags\":[\"sortbitwise\",\"recovery_deletes\",\"noout\"]}"));
    }

    @Test
    void settingsNeverShowThePassword() {
        assertThat(SETTINGS.toString()).doesNotContain(SETTINGS.password()).contains("password=***");
    }
}
