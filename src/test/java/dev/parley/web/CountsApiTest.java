package dev.parley.web;

import static dev.parley.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/counts: the counts of many threads in one request, as an index page needs them. */
class CountsApiTest {
    private static final String ADMIN = "moderator-token-0123456789";
    private static final String SITE = "https://blog.example";

    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_ALLOWED_ORIGINS", SITE));
    }

    @Test
    void countsWhatReadersSeeForEachThreadAskedInTheOrderAsked() {
        for (String body : List.of("one", "two", "three")) {
            Http.postComment(app, "counts/a", "Ann", body);
        }
        long gone = Http.postComment(app, "counts/a", "Ann", "deleted later").getLong("id");
        Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + gone))
                .header("Authorization", "Bearer " + ADMIN).DELETE());
        Http.postComment(app, "counts/b 中文 & more", "Bo", "hello");

        HttpResponse<String> answer = counts("counts/b 中文 & more", "counts/a", "counts/never", "counts/a");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject counts = Http.json(answer).getJsonObject("counts");
        assertThat(counts.getMap()).containsExactly(Map.entry("counts/b 中文 & more", 1),
                Map.entry("counts/a", 3), Map.entry("counts/never", 0));
        assertThat(Http.json(answer).fieldNames()).containsExactly("counts");
    }

    @Test
    void anIndexPageOnAnAllowedSiteMayReadThem() {
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                + "/api/v1/counts?thread=x")).header("Origin", SITE).GET());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
    }

    @Test
    void badRequestsGetTheErrorShape() {
        assertError(Http.get(app.baseUrl() + "/api/v1/counts"), 400, "invalid_thread");
        assertError(counts("ok", "bad\u0001thread"), 400, "invalid_thread");
        assertError(counts("x".repeat(257)), 400, "invalid_thread");
        List<String> many = new ArrayList<>(IntStream.rangeClosed(1, 101).mapToObj(i -> "t" + i).toList());
        assertError(counts(many.toArray(String[]::new)), 400, "invalid_limit");
        many.removeLast();
        many.add("t1"); // a repeat is not one more
        assertThat(counts(many.toArray(String[]::new)).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> counts(String... threads) {
        String query = Arrays.stream(threads)
                .map(t -> "thread=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return Http.get(app.baseUrl() + "/api/v1/counts?" + query);
    }
}
