package dev.underlay.ceph.dashboard;

/**
 * One request to the Dashboard and its answer.
 *
 * @param path       below the base URL, with the query string ({@code /api/pool?attrs=pool_name})
 * @param apiVersion sent as {@code Accept: application/vnd.ceph.api.v<apiVersion>+json}; the Dashboard answers 415
 *                   to any other Accept header
 * @param json       the body of POST and PUT, null otherwise
 * @param token      the JWT, null for the login itself
 */
record DashboardExchange(String method, String path, String apiVersion, String json, String token) {

    record Answer(int status, String body) {}

    String describe() {
        int query = path.indexOf('?');
        return method + " " + (query < 0 ? path : path.substring(0, query));
    }
}
