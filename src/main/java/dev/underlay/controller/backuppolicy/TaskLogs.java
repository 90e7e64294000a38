package dev.underlay.controller.backuppolicy;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.TaskLogLine;
import dev.underlay.proxmox.model.TaskSummary;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logs of finished vzdump tasks, read once each: a finished task's log never changes, and every policy of a
 * cluster looks at the same tasks, so one read per task serves all of them. Bounded; a log that could not be read is
 * not remembered and is asked for again on the next reconcile.
 */
@ApplicationScoped
class TaskLogs {

    /** Far more than /cluster/tasks lists (it keeps the newest few dozen per node). */
    private static final int CAPACITY = 2048;

    /** A vzdump log names the job in its first line and each failed guest once; a long log need not be read whole. */
    private static final int LINES = 500;

    private final Map<String, List<String>> logs = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > CAPACITY;
        }
    });

    List<String> of(ProxmoxApi api, TaskSummary task) {
        String upid = task.upid().toString();
        List<String> known = logs.get(upid);
        if (known != null) {
            return known;
        }
        try {
            List<String> lines = api.taskLog(task.upid(), 0, LINES).stream()
                    .map(TaskLogLine::text)
                    .toList();
            logs.put(upid, lines);
            return lines;
        } catch (ProxmoxApiException e) {
            Log.debugf("vzdump task %s: log unavailable: %s", upid, e.getMessage());
            return List.of();
        }
    }
}
