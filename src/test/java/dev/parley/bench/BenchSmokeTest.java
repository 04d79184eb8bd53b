package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every load scenario in-process with tiny numbers against a real node and checks that what
 * the tool counted agrees with what the server says: comments per thread, deliveries, connections.
 * No timing assertions: only counts.
 */
class BenchSmokeTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "off"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void fanoutDeliversEveryPostToEverySubscriberExactlyOnce() throws Exception {
        double deliveriesBefore = metric("parley_deliveries_total");
        List<Map<String, Object>> steps = bench("fanout", "--subscribers", "20", "--publishers", "2",
                "--rates", "5,10", "--step", "1s", "--warmup", "0", "--max-p99", "0");

        assertThat(steps).hasSize(2);
        long posts = 0;
        long received = 0;
        for (Map<String, Object> step : steps) {
            assertNoLoss(step);
            assertThat(step.get("received")).isEqualTo((long) step.get("posts") * 20);
            posts += (long) step.get("posts");
            received += (long) step.get("received");
        }
        assertThat(posts).isEqualTo(5 + 10);
        assertThat(commentCount(steps.get(0).get("thread_prefix") + "/0")).isEqualTo(posts);
        assertThat(metric("parley_deliveries_total") - deliveriesBefore).isGreaterThanOrEqualTo(received);
    }

    @Test
    void roomsDeliverEachPostToItsOwnThreadOnly() throws Exception {
        List<Map<String, Object>> steps = bench("rooms", "--subscribers", "30", "--threads", "5",
                "--rates", "20", "--step", "1s", "--warmup", "0", "--max-p99", "0");

        Map<String, Object> step = steps.get(0);
        assertNoLoss(step);
        long stored = 0;
        for (int t = 0; t < 5; t++) {
            stored += commentCount(step.get("thread_prefix") + "/" + t);
        }
        assertThat(stored).isEqualTo(step.get("posts")).isEqualTo(20L);
        // Six subscribers per thread: every post owes exactly six deliveries.
        assertThat(step.get("received")).isEqualTo(20L * 6);
    }

    @Test
    void postsCountsMatchTheStoredComments() throws Exception {
        double acceptedBefore = metric("parley_posts_accepted_total");
        List<Map<String, Object>> steps = bench("posts", "--publishers", "3", "--threads", "4",
                "--rates", "20,40", "--step", "1s", "--warmup", "0", "--max-ack-p99", "0");

        long acked = 0;
        for (Map<String, Object> step : steps) {
            assertThat(step.get("acked")).isEqualTo(step.get("posts"));
            assertThat(step.get("post_errors")).isEqualTo(0L);
            acked += (long) step.get("acked");
        }
        assertThat(acked).isEqualTo(60);
        long stored = 0;
        for (int t = 0; t < 4; t++) {
            stored += commentCount(steps.get(0).get("thread_prefix") + "/" + t);
        }
        assertThat(stored).isEqualTo(acked);
        assertThat(metric("parley_posts_accepted_total") - acceptedBefore).isEqualTo(acked);
    }

    @Test
    void idleHoldsEveryConnection() throws Exception {
        Map<String, Object> row = bench("idle", "--connections", "50", "--warmup-connections", "5",
                "--threads", "5", "--hold", "1s").get(0);

        assertThat(row.get("ready")).isEqualTo(50);
        assertThat(row.get("failed")).isEqualTo(0);
        assertThat(row.get("closed")).isEqualTo(0L);
        assertThat((double) row.get("rss_after_mib")).isPositive();
    }

    @Test
    void stormSubscribesEveryClient() throws Exception {
        Map<String, Object> row = bench("storm", "--clients", "100", "--in-flight", "20", "--threads", "10").get(0);

        assertThat(row.get("ready")).isEqualTo(100);
        assertThat(row.get("failed")).isEqualTo(0);
        // The tool closed them all again, as it does after every scenario.
        awaitMetric("parley_connections", 0);
    }

    @Test
    void readsServesTheHotThreadUnderWrk() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(ci || Reads.findWrk("wrk") != null,
                "wrk is not installed (apt-get install wrk): skipping the reads scenario outside CI");

        Map<String, Object> row = bench("reads", "--comments", "30", "--duration", "1s", "--connections", "4").get(0);

        assertThat((long) row.get("requests")).isPositive();
        assertThat(row.get("non2xx")).isEqualTo(0L);
        assertThat(row.get("socket_errors")).isEqualTo(0L);
        assertThat(commentCount((String) row.get("thread"))).isEqualTo(30);
    }

    private static void assertNoLoss(Map<String, Object> step) {
        assertThat(step.get("verdict")).as("step %s", step).isEqualTo("ok");
        assertThat(step.get("acked")).isEqualTo(step.get("posts"));
        assertThat(step.get("received")).isEqualTo(step.get("expected"));
        assertThat(step.get("loss")).isEqualTo(0L);
        assertThat(step.get("duplicates")).isEqualTo(0L);
        assertThat(step.get("skipped")).isEqualTo(0L);
        assertThat(step.get("closed")).isEqualTo(0L);
        assertThat(step.get("behind")).isEqualTo(0L);
    }

    private static List<Map<String, Object>> bench(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", Integer.toString(app.port()), "--pid", Long.toString(ProcessHandle.current().pid())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Map<String, Object>> rows = Bench.run(all, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(rows).as(out.toString(StandardCharsets.UTF_8)).isNotEmpty();
        return rows;
    }

    private static long commentCount(String thread) {
        return Http.json(Http.get(app.baseUrl() + "/api/v1/threads?thread="
                + URLEncoder.encode(thread, StandardCharsets.UTF_8))).getLong("count");
    }

    /** A sample's value from /metrics (0 when absent). */
    private static double metric(String name) {
        for (String line : Http.get(app.baseUrl() + "/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static void awaitMetric(String name, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (metric(name) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(metric(name)).isEqualTo(expected);
    }
}
