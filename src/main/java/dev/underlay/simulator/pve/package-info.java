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
 * <p>Facades: {@link SimulatedProxmoxApi} is the typed in-JVM {@code ProxmoxApi} (the REST client's
 * {@code PveRestApi} over {@link SimulatorTransport}, which calls {@code handle(...)} directly);
 * {@link dev.underlay.simulator.pve.http.PveHttpServer} serves the same core over HTTPS on 127.0.0.1;
 * {@link PveSimulatorMain} runs that standalone. One contract suite
 * ({@code dev.underlay.proxmox.contract.ProxmoxApiContract}) runs against both facades.
 *
 * <p>This package never imports fabric8, JOSDK or controller code. Only the two facade classes use
 * {@code dev.underlay.proxmox} (interface, model, {@code rest}); the core does not, except for the
 * plain-Java schedule parser {@code dev.underlay.proxmox.calendar}, so that simulated backup jobs run and
 * are validated exactly as the operator reads their schedules.
 */
package dev.underlay.simulator.pve;
