package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/grafana-dashboard.json is a dashboard Grafana can import, covering what the issue asks to see. */
class GrafanaDashboardTest {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Set<String> BUILTIN = Set.of("__rate_interval", "__interval", "__range", "__interval_ms");

    static JsonObject dashboard() {
        return new JsonObject(DeployFiles.read(DeployFiles.DEPLOY.resolve("grafana-dashboard.json")));
    }

    static List<JsonObject> panels() {
        List<JsonObject> out = new ArrayList<>();
        for (Object p : dashboard().getJsonArray("panels")) {
            JsonObject panel = (JsonObject) p;
            out.add(panel);
            for (Object nested : panel.getJsonArray("panels", new JsonArray())) {
                out.add((JsonObject) nested);
            }
        }
        return out;
    }

    /** Every PromQL expression: panel targets, and the series inside the template variables' queries. */
    static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (JsonObject panel : panels()) {
            for (Object t : panel.getJsonArray("targets", new JsonArray())) {
                out.add(((JsonObject) t).getString("expr"));
            }
        }
        for (JsonObject variable : variables()) {
            if ("query".equals(variable.getString("type"))) {
                Matcher m = LABEL_VALUES.matcher(variableQuery(variable));
                assertThat(m.matches()).as("variable %s: label_values(series, label)", variable.getString("name")).isTrue();
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void isAnImportableDashboard() {
        JsonObject d = dashboard();
        assertThat(d.getString("title")).isNotBlank();
        assertThat(d.getString("uid")).matches("[a-z0-9-]{1,40}");
        assertThat(d.getInteger("schemaVersion")).isGreaterThanOrEqualTo(36);
        Set<Integer> ids = new HashSet<>();
        for (JsonObject panel : panels()) {
            assertThat(ids.add(panel.getInteger("id"))).as("panel id %s is unique", panel.getInteger("id")).isTrue();
            JsonObject grid = panel.getJsonObject("gridPos");
            assertThat(grid.getInteger("x") + grid.getInteger("w")).as(panel.getString("title")).isLessThanOrEqualTo(24);
            assertThat(grid.getInteger("h")).isPositive();
            if ("row".equals(panel.getString("type"))) {
                continue;
            }
            assertThat(panel.getString("type")).isIn("timeseries", "stat");
            assertThat(panel.getJsonObject("datasource").getString("uid")).isEqualTo("${datasource}");
            JsonArray targets = panel.getJsonArray("targets");
            assertThat(targets).as(panel.getString("title")).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (Object t : targets) {
                JsonObject target = (JsonObject) t;
                assertThat(target.getString("expr")).isNotBlank();
                assertThat(refIds.add(target.getString("refId"))).isTrue();
            }
        }
    }

    @Test
    void everyVariableAnExpressionUsesIsDefined() {
        Set<String> defined = new HashSet<>(BUILTIN);
        variables().forEach(v -> defined.add(v.getString("name")));
        assertThat(defined).contains("datasource", "job", "instance");
        for (String expr : expressions()) {
            Matcher m = VARIABLE.matcher(expr);
            while (m.find()) {
                assertThat(defined).as("variable in %s", expr).contains(m.group(1));
            }
        }
    }

    @Test
    void showsWhatTheIssueAsksFor() {
        Set<String> used = new HashSet<>();
        expressions().forEach(e -> used.addAll(PromQl.metrics(e)));
        assertThat(used).contains(
                "parley_connections", "parley_subscriptions", "parley_active_threads", "parley_deliveries_total",
                "parley_frames_in_total", "parley_frames_out_total",
                "parley_posts_accepted_total", "parley_posts_rejected_total",
                "parley_post_latency_seconds_bucket", "parley_delivery_latency_seconds_bucket",
                "parley_outbound_queue_bytes", "parley_slow_consumer_disconnects_total",
                "parley_heartbeat_timeouts_total", "parley_catchup_fetches_total",
                "hikaricp_connections_active", "hikaricp_connections_pending", "hikaricp_connections_timeout_total",
                "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "process_cpu_usage");
    }

    private static List<JsonObject> variables() {
        List<JsonObject> out = new ArrayList<>();
        dashboard().getJsonObject("templating").getJsonArray("list").forEach(v -> out.add((JsonObject) v));
        return out;
    }

    private static String variableQuery(JsonObject variable) {
        Object query = variable.getValue("query");
        return query instanceof JsonObject q ? q.getString("query") : String.valueOf(query);
    }
}
