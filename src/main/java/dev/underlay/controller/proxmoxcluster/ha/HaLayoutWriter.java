package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.controller.support.ha.HaDialect;
import dev.underlay.controller.support.ha.HaMode;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.HaResource;
import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Carries out plans through the (quorum-gated) {@link ProxmoxApi}. A refusal that retrying cannot fix (400
 * invalid parameter, 403, "already exists", a PVE version that lacks the feature) becomes an Error for that entry
 * and the others go on: the next resync tries once more, at the resync's pace, not in a retry loop. Anything
 * retryable (5xx, unreachable, locks, a quorum gate) is thrown for the caller's retry.
 */
final class HaLayoutWriter {

    private final HaDialect dialect;
    private final ProxmoxApi api;
    private final String cluster;

    /** @param cluster namespace/name, for log lines */
    HaLayoutWriter(HaDialect dialect, ProxmoxApi api, String cluster) {
        this.dialect = dialect;
        this.api = api;
        this.cluster = cluster;
    }

    record Result(List<HaGroupStatus> statuses, boolean changed) {}

    /** Runs the plans in their {@link GroupPlan#order()}; the statuses come back in the plans' order. */
    Result apply(List<GroupPlan> plans) throws ProxmoxApiException {
        HaGroupStatus[] statuses = new HaGroupStatus[plans.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            statuses[i] = plans.get(i).status();
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> plans.get(i).order()));
        boolean changed = false;
        for (int i : order) {
            GroupPlan plan = plans.get(i);
            for (HaWrite write : plan.writes()) {
                try {
                    Optional<String> held = apply(write);
                    if (held.isPresent()) {
                        statuses[i] = withState(plan.status(), HaStates.PENDING, held.get());
                        break;
                    }
                    changed = true;
                } catch (ProxmoxApiException e) {
                    if (e.isRetryable()) {
                        throw e;
                    }
                    Log.warnf(
                            "ProxmoxCluster %s: HA %s '%s' refused: %s",
                            cluster, kind(), plan.status().name(), e.getMessage());
                    statuses[i] = withState(plan.status(), HaStates.ERROR, e.getMessage());
                    break;
                }
            }
        }
        return new Result(List.of(statuses), changed);
    }

    /** Empty when written; otherwise why the write was held back. */
    private Optional<String> apply(HaWrite write) throws ProxmoxApiException {
        if (write instanceof HaWrite.Create create) {
            dialect.create(create.placement());
            Log.infof(
                    "ProxmoxCluster %s: created HA %s '%s'",
                    cluster, kind(), create.placement().id());
        } else if (write instanceof HaWrite.Update update) {
            dialect.update(update.placement());
            Log.infof(
                    "ProxmoxCluster %s: updated HA %s '%s'",
                    cluster, kind(), update.placement().id());
        } else if (write instanceof HaWrite.Delete delete) {
            List<String> users = usersOf(delete.id());
            if (!users.isEmpty()) {
                return Optional.of(
                        "still used by HA resources " + String.join(",", users) + "; deleted once none names it");
            }
            dialect.delete(delete.id());
            Log.infof("ProxmoxCluster %s: deleted HA %s '%s'", cluster, kind(), delete.id());
        } else if (write instanceof HaWrite.SetFailback failback) {
            api.updateHaResource(
                    new HaResource(failback.sid(), null, null, null, failback.failback(), null, null, null, null),
                    List.of());
            Log.infof(
                    "ProxmoxCluster %s: set failback=%d on HA resource %s",
                    cluster, failback.failback() ? 1 : 0, failback.sid());
        }
        return Optional.empty();
    }

    /**
     * PVE refuses to delete a group that HA resources still name; asking first turns that into a clear Pending
     * instead of a server error on every resync. Rules have no such dependency.
     */
    private List<String> usersOf(String group) throws ProxmoxApiException {
        if (dialect.mode() != HaMode.Groups) {
            return List.of();
        }
        return api.haResources().stream()
                .filter(r -> group.equals(r.group()))
                .map(HaResource::sid)
                .toList();
    }

    private String kind() {
        return dialect.mode().kind().toLowerCase(Locale.ROOT);
    }

    static HaGroupStatus withState(HaGroupStatus status, String state, String message) {
        return new HaGroupStatus(status.name(), status.kind(), state, message);
    }
}
