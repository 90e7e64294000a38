package dev.underlay.ceph.dashboard;

/**
 * Every Dashboard endpoint this backend calls, with the API version it is pinned to. Versions are per endpoint in
 * the Dashboard (Pacific has v0.1 and v1.0 side by side; later releases add v2.0 to some), and a wrong one is
 * answered 415, so each call names its endpoint here; the OpenAPI contract test checks this list against the
 * Dashboard's own document.
 */
enum DashboardEndpoint {
    LOGIN("POST", "/api/auth"),
    LIST_POOLS("GET", "/api/pool"),
    CREATE_POOL("POST", "/api/pool"),
    UPDATE_POOL("PUT", "/api/pool/{pool_name}"),
    DELETE_POOL("DELETE", "/api/pool/{pool_name}"),
    TASKS("GET", "/api/task"),
    HEALTH("GET", "/api/health/full"),
    CRUSH_RULES("GET", "/api/crush_rule"),
    OSDS("GET", "/api/osd"),
    OSD_FLAGS("GET", "/api/osd/flags"),
    SET_OSD_FLAGS("PUT", "/api/osd/flags");

    private final String method;
    private final String template;
    private final String version;

    DashboardEndpoint(String method, String template) {
        this(method, template, "1.0");
    }

    DashboardEndpoint(String method, String template, String version) {
        this.method = method;
        this.template = template;
        this.version = version;
    }

    String method() {
        return method;
    }

    /** The path as the OpenAPI document writes it. */
    String template() {
        return template;
    }

    String version() {
        return version;
    }
}
