package dev.underlay.simulator.pve.api;

import dev.underlay.proxmox.calendar.CalendarEvent;
import dev.underlay.proxmox.calendar.CalendarEventException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Next runs of backup schedules. Real PVE evaluates a schedule in the node's time zone; the simulated nodes
 * keep UTC, like the simulator's clock.
 */
final class CalendarEvents {

    private CalendarEvents() {}

    /**
     * Empty for a schedule that never fires again, and for one that does not parse: the API refuses those,
     * but a job seeded through the builder skips the API's checks.
     */
    static Optional<Instant> next(String schedule, Instant after) {
        try {
            return CalendarEvent.parse(schedule)
                    .next(after.atZone(ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant);
        } catch (CalendarEventException e) {
            return Optional.empty();
        }
    }
}
