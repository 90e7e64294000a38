package dev.underlay.ceph.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.ceph.model.CephHealth;
import dev.underlay.ceph.model.CrushRule;
import dev.underlay.ceph.model.Osd;
import dev.underlay.ceph.model.OsdTree;
import dev.underlay.ceph.model.PgAutoscaleMode;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolUsage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the Dashboard's JSON into the model, leniently: absent fields become zero or null, unknown ones are ignored. */
final class DashboardCodec {

    /** The pool fields {@code GET /api/pool?attrs=} asks for; the full objects are much larger. */
    static final String POOL_ATTRS = "pool_name,pool,size,min_size,pg_num,pg_num_target,pg_autoscale_mode,"
            + "crush_rule,application_metadata,options";

    private DashboardCodec() {}

    /**
     * Pools from {@code /api/pool}, usage from {@code /api/health/full}'s {@code df.pools}: the pool list's own
     * {@code stats.*.latest} lags by up to ten calls, {@code df} is current.
     */
    static List<Pool> pools(JsonNode poolList, JsonNode health) {
        Map<String, PoolUsage> usage = new HashMap<>();
        for (JsonNode row : health.path("df").path("pools")) {
            JsonNode s = row.path("stats");
            usage.put(
                    row.path("name").asText(),
                    new PoolUsage(
                            s.path("bytes_used").asLong(),
                            s.path("stored").asLong(),
                            s.path("max_avail").asLong(),
                            s.path("percent_used").asDouble(),
                            s.path("objects").asLong()));
        }
        List<Pool> pools = new ArrayList<>();
        for (JsonNode p : poolList) {
            String name = p.path("pool_name").asText();
            List<String> apps = new ArrayList<>();
            p.path("application_metadata").forEach(a -> apps.add(a.asText()));
            JsonNode ratio = p.path("options").path("target_size_ratio");
            int pgNum = p.path("pg_num").asInt();
            pools.add(new Pool(
                    name,
                    p.path("pool").asInt(),
                    p.path("size").asInt(),
                    p.path("min_size").asInt(),
                    pgNum,
                    p.path("pg_num_target").asInt(pgNum),
                    PgAutoscaleMode.fromWire(p.path("pg_autoscale_mode").asText())
                            .orElse(null),
                    ratio.isNumber() ? ratio.asDouble() : null,
                    p.path("crush_rule").asText(null),
                    apps,
                    usage.get(name)));
        }
        return pools;
    }

    static CephHealth health(JsonNode full) {
        Map<String, CephHealth.HealthCheck> checks = new HashMap<>();
        for (JsonNode c : full.path("health").path("checks")) {
            checks.put(
                    c.path("type").asText(),
                    new CephHealth.HealthCheck(
                            c.path("severity").asText(),
                            c.path("summary").path("message").asText(),
                            c.path("muted").asBoolean()));
        }
        int osds = 0;
        int up = 0;
        int in = 0;
        for (JsonNode o : full.path("osd_map").path("osds")) {
            osds++;
            up += o.path("up").asInt();
            in += o.path("in").asInt();
        }
        Set<Integer> quorum = new HashSet<>();
        full.path("mon_status").path("quorum").forEach(r -> quorum.add(r.asInt()));
        List<String> quorumNames = new ArrayList<>();
        for (JsonNode mon : full.path("mon_status").path("monmap").path("mons")) {
            if (quorum.contains(mon.path("rank").asInt())) {
                quorumNames.add(mon.path("name").asText());
            }
        }
        Map<String, Integer> pgs = new HashMap<>();
        full.path("pg_info")
                .path("statuses")
                .fields()
                .forEachRemaining(e -> pgs.put(e.getKey(), e.getValue().asInt()));
        JsonNode stats = full.path("df").path("stats");
        return new CephHealth(
                full.path("health").path("status").asText(),
                checks,
                osds,
                up,
                in,
                quorumNames,
                stats.path("total_bytes").asLong(),
                stats.path("total_avail_bytes").asLong(),
                pgs);
    }

    static List<CrushRule> crushRules(JsonNode rules) {
        List<CrushRule> result = new ArrayList<>();
        rules.forEach(r -> result.add(
                new CrushRule(r.path("rule_id").asInt(), r.path("rule_name").asText())));
        return result;
    }

    static OsdTree osds(JsonNode list) {
        List<Osd> osds = new ArrayList<>();
        for (JsonNode o : list) {
            JsonNode tree = o.path("tree");
            osds.add(new Osd(
                    o.path("id").asInt(o.path("osd").asInt()),
                    tree.path("name").asText("osd." + o.path("osd").asInt()),
                    o.path("host").path("name").asText(null),
                    o.path("up").asInt() == 1,
                    o.path("in").asInt() == 1,
                    tree.path("device_class").asText(null),
                    tree.path("crush_weight").asDouble()));
        }
        return new OsdTree(osds);
    }
}
