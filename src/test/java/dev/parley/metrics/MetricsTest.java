package dev.parley.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Real traffic moves the right meters by the right amounts, as a Prometheus scrape shows them. */
class MetricsTest {

    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no series " + series + " in scrape");
        }
        return Double.parseDouble(m.group(1));
    }

    @Test
    void countersAndHistogramsFollowRealTraffic() {
        try (TestApp app = TestApp.start(); WsClient a = WsClient.connect(app); WsClient b = WsClient.connect(app)) {
            a.subscribe("m", 0L).next("subscribed");
            b.subscribe("m", 0L).next("subscribed");
            for (int i = 0; i < 3; i++) {
                Http.postComment(app, "m", "Ann", "rest " + i);
            }
            for (int i = 0; i < 2; i++) {
                a.post("p" + i, "m", "Bob", "ws " + i);
            }
            Http.postJson(app.baseUrl() + "/api/v1/comments", "{\"thread\":\"m\",\"author\":\"x\",\"body\":\"\"}");
            a.send("{\"type\":\"nonsense\"}");
            int acks = 0;
            int comments = 0;
            int errors = 0;
            while (acks + comments + errors < 2 + 5 + 1) {
                switch (a.next().getString("type")) {
                    case "ack" -> acks++;
                    case "comment" -> comments++;
                    default -> errors++;
                }
            }
            for (int i = 0; i < 5; i++) {
                b.next("comment");
            }

            String scrape = Http.get(app.baseUrl() + "/metrics").body();
            assertThat(value(scrape, "parley_posts_accepted_total")).isEqualTo(5);
            assertThat(value(scrape, "parley_posts_rejected_total{reason=\"invalid_body\"}")).isEqualTo(1);
            assertThat(value(scrape, "parley_deliveries_total")).isEqualTo(10);
            assertThat(value(scrape, "parley_frames_out_total{type=\"comment\"}")).isEqualTo(10);
            assertThat(value(scrape, "parley_frames_out_total{type=\"ack\"}")).isEqualTo(2);
            assertThat(value(scrape, "parley_frames_out_total{type=\"subscribed\"}")).isEqualTo(2);
            assertThat(value(scrape, "parley_frames_out_total{type=\"error\"}")).isEqualTo(1);
            assertThat(value(scrape, "parley_frames_in_total{type=\"post\"}")).isEqualTo(2);
            assertThat(value(scrape, "parley_frames_in_total{type=\"subscribe\"}")).isEqualTo(2);
            assertThat(value(scrape, "parley_frames_in_total{type=\"invalid\"}")).isEqualTo(1);
            assertThat(value(scrape, "parley_connections")).isEqualTo(2);
            assertThat(value(scrape, "parley_subscriptions")).isEqualTo(2);
            assertThat(value(scrape, "parley_active_threads")).isEqualTo(1);
            assertThat(value(scrape, "parley_post_latency_seconds_count")).isEqualTo(5);
            assertThat(value(scrape, "parley_delivery_latency_seconds_count")).isBetween(5.0, 10.0);
            assertThat(value(scrape, "parley_slow_consumer_disconnects_total")).isZero();
            assertThat(value(scrape, "parley_heartbeat_timeouts_total")).isZero();
            assertThat(scrape).contains("parley_post_latency_seconds_bucket{le=", "hikaricp_connections_active{",
                    "jvm_memory_used_bytes{", "process_cpu_usage ", "parley_outbound_queue_bytes ");
        }
    }
}
