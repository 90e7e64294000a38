package dev.underlay.controller.support;

/**
 * The connection one cleanup works through, opened on first use and shared by its steps, so that the steps of one
 * deletion cost one snapshot between them and an unreachable cluster one round of timeouts.
 */
@FunctionalInterface
public interface ClusterSession {

    ConnectedCluster get() throws ClusterUnreachableException;
}
