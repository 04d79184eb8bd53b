package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading cannot make a node keep or send without bound: the page cache holds one page per
 * thread and is bounded in bytes (a few dozen GETs with different limits retained hundreds of MB),
 * a page answer stops at its byte cap and says more follows, and reads are limited per address.
 */
class PageBoundsTest {
    private static final String LONG = "ä".repeat(3000) + " ";

    private static double cacheBytes(TestApp app) {
        return app.app().metrics().registry().get("parley.page.cache.bytes").gauge().value();
    }

    private static JsonObject page(TestApp app, String thread, String query) {
        HttpResponse<String> answer = Http.get(app.baseUrl() + "/api/v1/comments?thread=" + thread + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    @Test
    void askingForEveryLimitKeepsOnePagePerThread() {
        try (TestApp app = TestApp.start()) {
            for (int i = 0; i < 40; i++) {
                Http.postComment(app, "long", "Ann" + i, LONG + i);
            }
            page(app, "long", "&limit=500");
            double onePage = cacheBytes(app);
            assertThat(onePage).isPositive();
            for (int limit = 1; limit <= 60; limit++) {
                assertThat(page(app, "long", "&limit=" + limit).getJsonArray("comments")).hasSize(Math.min(limit, 40));
            }
            assertThat(cacheBytes(app)).isEqualTo(onePage);
        }
    }

    @Test
    void theCacheStaysWithinItsBytesWhateverIsRead() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_PAGE_CACHE_BYTES", "1048576"))) {
            for (int t = 0; t < 30; t++) {
                for (int i = 0; i < 5; i++) {
                    Http.postComment(app, "t" + t, "Ann" + i, LONG + i);
                }
                page(app, "t" + t, "");
            }
            assertThat(cacheBytes(app)).isLessThanOrEqualTo(1048576);
        }
    }

    @Test
    void askingTreePagesForEveryLimitKeepsOnePagePerOrder() {
        try (TestApp app = TestApp.start()) {
            for (int i = 0; i < 40; i++) {
                Http.postComment(app, "tree", "Ann" + i, LONG + i);
            }
            page(app, "tree", "&order=newest&limit=100");
            double onePage = cacheBytes(app);
            assertThat(onePage).isPositive();
            for (int limit = 1; limit <= 60; limit++) {
                assertThat(page(app, "tree", "&order=newest&limit=" + limit).getJsonArray("comments")).hasSize(Math.min(limit, 40));
            }
            assertThat(cacheBytes(app)).isEqualTo(onePage);
            page(app, "tree", "&order=oldest&limit=7");
            assertThat(cacheBytes(app)).as("one page per order").isEqualTo(2 * onePage);
            page(app, "tree", "&order=oldest&limit=7&after=3");
            assertThat(cacheBytes(app)).as("later pages are not kept").isEqualTo(2 * onePage);
        }
    }

    @Test
    void theCacheStaysWithinItsBytesWhateverTreePagesAreRead() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_PAGE_CACHE_BYTES", "1048576"))) {
            for (int t = 0; t < 30; t++) {
                for (int i = 0; i < 5; i++) {
                    Http.postComment(app, "t" + t, "Ann" + i, LONG + i);
                }
                page(app, "t" + t, "&order=newest");
                page(app, "t" + t, "&order=oldest");
            }
            assertThat(cacheBytes(app)).isLessThanOrEqualTo(1048576);
        }
    }

    @Test
    void aPageOfLongCommentsStopsAtItsByteCapAndSaysMoreFollows() {
        try (TestApp app = TestApp.start()) {
            String body = "ü".repeat(7990);
            for (int i = 0; i < 70; i++) {
                Http.postComment(app, "huge", "Ann" + i, body + i);
            }
            HttpResponse<String> first = Http.get(app.baseUrl() + "/api/v1/comments?thread=huge&limit=500");
            assertThat(first.body().length()).isLessThanOrEqualTo(1024 * 1024 + 1024);
            JsonArray comments = Http.json(first).getJsonArray("comments");
            assertThat(comments.size()).isLessThan(70);
            assertThat(Http.json(first).getBoolean("more")).isTrue();
            int read = comments.size();
            JsonObject next = Http.json(first);
            for (int pages = 1; next.getBoolean("more") && pages < 10; pages++) {
                JsonArray previous = next.getJsonArray("comments");
                next = page(app, "huge", "&limit=500&after=" + previous.getJsonObject(previous.size() - 1).getLong("seq"));
                read += next.getJsonArray("comments").size();
            }
            assertThat(read).as("every comment, in pages that say when more follow").isEqualTo(70);
        }
    }

    @Test
    void aShortPageSaysWhetherMoreFollow() {
        try (TestApp app = TestApp.start()) {
            for (int i = 0; i < 3; i++) {
                Http.postComment(app, "few", "Ann" + i, "comment " + i);
            }
            assertThat(page(app, "few", "&limit=2").getBoolean("more")).isTrue();
            assertThat(page(app, "few", "&limit=3").getBoolean("more")).isFalse();
            assertThat(page(app, "few", "&limit=2&after=2").getBoolean("more")).isFalse();
        }
    }

    @Test
    void readsPastTheAddressesBurstGet429() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_READ_BURST", "5",
                "PARLEY_READ_EVERY", "1h"))) {
            for (int i = 0; i < 5; i++) {
                page(app, "r", "");
            }
            HttpResponse<String> refused = Http.get(app.baseUrl() + "/api/v1/comments?thread=r");
            Http.assertError(refused, 429, "rate_limited");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
