package dev.underlay.ceph.dashboard;

import dev.underlay.ceph.CephApiException;

/**
 * Moves one exchange to the Dashboard and returns its answer whatever the status; throws only when no answer
 * arrived (connection, TLS, timeout). Tests replace it to script the Dashboard's answers.
 */
interface DashboardTransport extends AutoCloseable {

    DashboardExchange.Answer send(DashboardExchange exchange) throws CephApiException;

    @Override
    default void close() {}
}
