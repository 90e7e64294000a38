package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.model.TaskLogLine;
import dev.underlay.proxmox.model.TaskQuery;
import dev.underlay.proxmox.model.TaskStatus;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.List;
import java.util.Optional;

/** Wire mapping for UPID answers, task status, task lists and logs. */
final class TaskCodec {

    private TaskCodec() {}

    /** A mutation's {@code data}: a UPID string, or null when PVE finished synchronously. */
    static Optional<Upid> optionalUpid(JsonNode data) {
        String text = PveJson.text(data);
        if (text == null) {
            return Optional.empty();
        }
        if (!Upid.isUpid(text)) {
            throw new PveFormatException("expected a UPID, got '" + text + "'");
        }
        return Optional.of(Upid.parse(text));
    }

    static Upid upid(JsonNode data) {
        return optionalUpid(data).orElseThrow(() -> new PveFormatException("expected a UPID, got null"));
    }

    static TaskStatus status(JsonNode data) {
        Fields f = Fields.of(data);
        return new TaskStatus(
                Upid.parse(f.str("upid")), "running".equals(f.str("status")), f.str("exitstatus"), f.lng("endtime"));
    }

    static List<TaskSummary> summaries(JsonNode data) {
        return PveJson.elements(data).stream()
                .filter(row -> Upid.isUpid(row.str("upid")))
                .map(row -> {
                    Upid upid = Upid.parse(row.str("upid"));
                    Long start = row.lng("starttime");
                    return new TaskSummary(
                            upid,
                            firstNonNull(row.str("node"), upid.node()),
                            firstNonNull(row.str("type"), upid.type()),
                            firstNonNull(row.str("id"), upid.id()),
                            firstNonNull(row.str("user"), upid.user()),
                            start == null ? upid.startTime() : start,
                            row.lng("endtime"),
                            row.str("status"));
                })
                .toList();
    }

    static List<TaskLogLine> log(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(row -> new TaskLogLine(
                        row.integer("n") == null ? 0 : row.integer("n"), row.str("t") == null ? "" : row.str("t")))
                .toList();
    }

    static PveParams query(TaskQuery query) {
        if (query == null) {
            return PveParams.empty();
        }
        return PveParams.builder()
                .add("vmid", query.vmid())
                .add("typefilter", query.typeFilter())
                .add("limit", query.limit())
                .add("since", query.since())
                .add("source", query.source())
                .add("errors", query.errorsOnly())
                .build();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
