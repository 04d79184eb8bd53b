package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.RedisProcess;
import dev.parley.TestApp;
import dev.parley.WsClient;
import dev.parley.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules against a real scrape: a node with Redis gets posts
 * over REST and WebSocket, a subscriber, and a rejected post; then every series the dashboard and the rules
 * query must be in its /metrics, with the labels and label values they filter on.
 */
class MetricsInUseTest {
    private static final String THREAD = "deploy/metrics";
    /** Recorded by Prometheus itself for every scrape target, never exposed by a node. */
    private static final Set<String> SYNTHETIC = Set.of("up");
    /** Added by Prometheus to every series from the target it was scraped from. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Set<String> PREFIXES = Set.of("parley_", "hikaricp_", "jvm_", "process_", "system_");
    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");

    private static RedisProcess redis;
    private static TestApp app;
    private static Scrape scrape;
    private static String scraped;

    @BeforeAll
    static void trafficThenScrape() {
        // With Redis, so the scale-out meters the dashboard shows exist too.
        redis = RedisProcess.start();
        app = TestApp.start(Map.of("PARLEY_REDIS_URL", redis.url()));
        Instant connected = Instant.now().plusSeconds(10);
        while (!Http.get(app.baseUrl() + "/readyz").body().contains("\"ready\"") && Instant.now().isBefore(connected)) {
            pause();
        }
        try (WsClient reader = WsClient.connect(app); WsClient writer = WsClient.connect(app)) {
            reader.subscribe(THREAD, null).next("subscribed");
            for (int i = 1; i <= 3; i++) {
                Http.postComment(app, THREAD, "Ann", "over REST " + i);
                reader.next("comment");
            }
            writer.post("r1", THREAD, "Bo", "over WebSocket").next("ack");
            reader.next("comment");
            String invalid = new JsonObject().put("thread", THREAD).put("author", "").put("body", "x").encode();
            assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments", invalid).statusCode()).isEqualTo(400);
        }
        // GC meters appear with the first collection; make sure there was one.
        System.gc();
        Instant deadline = Instant.now().plusSeconds(10);
        do {
            scraped = Http.get(app.baseUrl() + "/metrics").body();
            scrape = Scrape.parse(scraped);
        } while ((scrape.value("parley_delivery_latency_seconds_count") < 1 || !scrape.names().contains("jvm_gc_pause_seconds_count"))
                && Instant.now().isBefore(deadline) && pause());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void trafficReachedTheMetersTheDashboardsRead() {
        assertThat(scrape.value("parley_posts_accepted_total")).isEqualTo(4);
        assertThat(scrape.value("parley_post_latency_seconds_count")).isEqualTo(4);
        assertThat(scrape.value("parley_posts_rejected_total", Map.of("reason", "invalid_author"))).isEqualTo(1);
        assertThat(scrape.value("parley_frames_in_total", Map.of("type", "post"))).isEqualTo(1);
        assertThat(scrape.value("parley_frames_in_total", Map.of("type", "subscribe"))).isEqualTo(1);
        assertThat(scrape.value("parley_deliveries_total")).isEqualTo(4);
        assertThat(scrape.value("parley_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("parley_redis_connected")).isEqualTo(1);
        assertThat(scrape.value("parley_redis_publish_failures_total")).isZero();
    }

    @Test
    void everySeriesTheDashboardQueriesIsInTheScrape() {
        assertExist("dashboard", GrafanaDashboardTest.expressions());
    }

    @Test
    void everySeriesTheAlertRulesQueryIsInTheScrape() {
        assertExist("alert rules", AlertRulesTest.expressions());
    }

    @Test
    void rateAndIncreaseOnlyTakeCountersAndHistogramsAreReadFromBuckets() {
        List<String> wrong = new ArrayList<>();
        for (PromQl.Selector s : allSelectors()) {
            String type = SYNTHETIC.contains(s.metric()) ? "gauge" : scrape.typeOf(s.metric());
            if (COUNTER_FUNCTIONS.contains(s.function())) {
                boolean counterLike = "counter".equals(type)
                        || (("histogram".equals(type) || "summary".equals(type)) && !s.metric().endsWith("_max"));
                if (!counterLike) {
                    wrong.add(s.function() + "(" + s.metric() + ") on a " + type);
                }
            }
            if (s.metric().endsWith("_bucket") && !"histogram".equals(type)) {
                wrong.add(s.metric() + " is not a histogram bucket");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void labelMatchersUseLabelsAndValuesTheSeriesHave() {
        Set<String> reasons = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());
        List<String> wrong = new ArrayList<>();
        for (PromQl.Selector s : allSelectors()) {
            for (PromQl.Matcher m : s.matchers()) {
                if (TARGET_LABELS.contains(m.label())) {
                    continue;
                }
                if (!scrape.labelNames(s.metric()).contains(m.label())) {
                    wrong.add(s.metric() + " has no label " + m.label());
                    continue;
                }
                Set<String> values = new TreeSet<>(scrape.labelValues(s.metric(), m.label()));
                if (m.label().equals("reason")) {
                    values.addAll(reasons); // counted per reason only once one happens
                }
                for (String value : literalAlternatives(m)) {
                    if (!values.contains(value)) {
                        wrong.add(s.metric() + "{" + m.label() + "} never has the value " + value + " (seen: " + values + ")");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void metricNamesFollowPrometheusConventions() {
        List<String> wrong = new ArrayList<>();
        for (String family : scrape.families()) {
            if (!family.startsWith("parley_")) {
                continue;
            }
            String type = scrape.typeOf(family);
            if (type.equals("counter") != family.endsWith("_total")) {
                wrong.add(family + " is a " + type + (type.equals("counter") ? " without" : " with") + " _total");
            }
            if ((type.equals("histogram") || type.equals("summary")) && !family.matches(".*_(seconds|bytes)")) {
                wrong.add(family + " is a " + type + " without a base unit");
            }
            if (family.matches(".*_(milliseconds|ms|micros|nanoseconds|ns|kb|mb|kilobytes|megabytes)(_.*)?")) {
                wrong.add(family + " is not in a base unit");
            }
        }
        assertThat(wrong).isEmpty();
        for (PromQl.Selector s : allSelectors()) {
            assertThat(SYNTHETIC.contains(s.metric()) || PREFIXES.stream().anyMatch(s.metric()::startsWith))
                    .as("%s comes from Parley, its pool or its JVM", s.metric()).isTrue();
        }
    }

    @Test
    void operationsGuideDescribesEveryParleyMetricAndNoOther() {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`(parley_[a-z_]+)").matcher(DeployFiles.read(DeployFiles.ROOT.resolve("docs/operations.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        documented.removeIf(name -> name.endsWith("_bucket"));
        Set<String> exposed = new TreeSet<>();
        for (String family : scrape.families()) {
            if (family.startsWith("parley_") && !family.endsWith("_max")) {
                exposed.add(family);
            }
        }
        assertThat(documented).isEqualTo(exposed);
    }

    private static void assertExist(String where, List<String> expressions) {
        assertThat(expressions).as(where).isNotEmpty();
        Set<String> missing = new TreeSet<>();
        for (String expr : expressions) {
            for (String metric : PromQl.metrics(expr)) {
                if (!SYNTHETIC.contains(metric) && !scrape.names().contains(metric)) {
                    missing.add(metric);
                }
            }
        }
        assertThat(missing).as("%s query series a node does not expose; it exposes %s", where, scrape.names()).isEmpty();
    }

    private static List<PromQl.Selector> allSelectors() {
        List<PromQl.Selector> all = new ArrayList<>();
        GrafanaDashboardTest.expressions().forEach(e -> all.addAll(PromQl.selectors(e)));
        AlertRulesTest.expressions().forEach(e -> all.addAll(PromQl.selectors(e)));
        return all;
    }

    /** The literal values a matcher accepts: {@code a} or {@code a|b}; none for real regexes or variables. */
    private static List<String> literalAlternatives(PromQl.Matcher m) {
        boolean literal = m.value().matches("[A-Za-z0-9_ .-]+(\\|[A-Za-z0-9_ .-]+)*");
        if (!literal || m.op().startsWith("!")) {
            return List.of();
        }
        return m.op().equals("=~") ? List.of(m.value().split("\\|")) : List.of(m.value());
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Prometheus's own linter on the whole exposition: names, units, help, counters' suffixes. */
    @Test
    void theWholeScrapePassesPromtoolCheckMetrics() throws Exception {
        java.nio.file.Path promtool = DeployFiles.tool("promtool").orElse(null);
        if (promtool == null) {
            dev.parley.Services.missing("promtool (apt-get install prometheus)");
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(scraped.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
