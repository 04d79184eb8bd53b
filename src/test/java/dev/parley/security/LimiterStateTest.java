package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An anonymous client cannot grow the rate limiter's state: a poster without an author token has a
 * new author id on every post, so no bucket is kept per author for them, only per address.
 */
class LimiterStateTest {

    @Test
    void postersWithoutATokenLeaveNoPerAuthorBuckets() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_POST_BURST", "1000",
                "PARLEY_CONNECT_BURST", "1000"))) {
            double before = buckets(app);
            for (int i = 0; i < 30; i++) {
                HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"thread\":\"limits\",\"author\":\"Anon\",\"body\":\"comment " + i + "\"}"));
                assertThat(Http.send(post).statusCode()).isEqualTo(201);
            }
            // One address, thirty new authors: one bucket (the address's), not thirty-one.
            assertThat(buckets(app) - before).isEqualTo(1.0);
        }
    }

    private static double buckets(TestApp app) {
        return app.app().metrics().registry().get("parley.rate.limit.buckets").gauge().value();
    }
}
