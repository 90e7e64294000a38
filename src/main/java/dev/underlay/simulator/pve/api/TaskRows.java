package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.simulator.pve.task.Task;

import java.util.List;

/** Task list rows (exit text in {@code status}) and the per-task status object (in {@code exitstatus}). */
final class TaskRows {

    private TaskRows() {}

    static JsonNode list(List<Task> tasks, String node) {
        ArrayNode out = Json.arr();
        for (Task t : tasks) {
            if (node != null && !t.node.equals(node)) {
                continue;
            }
            ObjectNode row = base(t);
            if (!t.running()) {
                row.put("status", t.exitStatus());
                row.put("endtime", t.endTime().getEpochSecond());
            }
            out.add(row);
        }
        return out;
    }

    static ObjectNode status(Task t) {
        ObjectNode row = base(t);
        row.put("status", t.running() ? "running" : "stopped");
        if (!t.running()) {
            row.put("exitstatus", t.exitStatus());
        }
        return row;
    }

    private static ObjectNode base(Task t) {
        return Json.obj()
                .put("upid", t.upid)
                .put("node", t.node)
                .put("pid", t.pid)
                .put("pstart", t.pstart)
                .put("starttime", t.startTime.getEpochSecond())
                .put("type", t.type)
                .put("id", t.id)
                .put("user", t.user);
    }
}
