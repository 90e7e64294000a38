/**
 * A Proxmox VE cluster simulator: one core, two facades.
 *
 * <p>The core is {@link dev.underlay.simulator.pve.PveSimulator}: plain Java, thread-safe, built
 * with {@link dev.underlay.simulator.pve.PveSimulator#builder()} or
 * {@link dev.underlay.simulator.pve.PveSimulator#homelab(PveVersion)}. Its single entry point
 * {@link dev.underlay.simulator.pve.PveSimulator#handle(SimRequest)} takes a method, a path below
 * {@code /api2/json}, string parameters and credentials, and answers exactly what pveproxy would
 * (status, reason phrase, JSON body or none). Every request goes auth, schema validation against
 * the official apidoc of the simulated version ({@code schema}), faults ({@link Faults}), route,
 * handler ({@code api}). Time comes from an injected {@link java.time.Clock}; with a
 * {@link ManualClock} tasks finish exactly when a test moves time.
 *
 * <p>Facades: in-JVM callers use {@code handle(...)} directly (a typed {@code ProxmoxApi} facade is
 * added on top later); {@link dev.underlay.simulator.pve.http.PveHttpServer} serves the same core
 * over HTTPS on 127.0.0.1; {@link PveSimulatorMain} runs that standalone.
 *
 * <p>This package never imports fabric8, JOSDK, controller or {@code dev.underlay.proxmox} code.
 */
package dev.underlay.simulator.pve;
