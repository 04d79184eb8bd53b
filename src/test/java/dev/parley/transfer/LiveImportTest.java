package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports sent to a running node: by the command line's --url and by the admin API the admin page uses. */
class LiveImportTest {
    private static final String ADMIN = "moderator-token-for-tests";

    @TempDir
    Path dir;

    @AutoClose
    TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_IMPORT_MAX_BYTES", "65536"));

    @Test
    void anImportThroughUrlReachesLiveReadersAsItHappens() {
        try (WsClient reader = WsClient.connect(app)) {
            reader.subscribe("/posts/hello", null);
            reader.next("subscribed");
            Samples.Run run = Samples.cli(Map.of("PARLEY_ADMIN_TOKEN", ADMIN), "import", "--format", "disqus",
                    "--url", app.baseUrl(), Samples.of(Format.DISQUS, dir).toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("imported 8 comments into 2 threads").contains("already imported before: 0");
            List<String> arrived = new ArrayList<>();
            for (int seq = 1; seq <= 5; seq++) {
                JsonObject frame = reader.next("comment");
                assertThat(frame.getLong("seq")).isEqualTo(seq);
                arrived.add(frame.getJsonObject("comment").getString("author"));
            }
            assertThat(arrived).containsExactly("Alice", "Борис", "Mallory", "Dave", "Anonymous");
        }
        Samples.Run again = Samples.cli(Map.of("PARLEY_ADMIN_TOKEN", ADMIN), "import", "--format", "disqus",
                "--url", app.baseUrl(), Samples.of(Format.DISQUS, dir).toString());
        assertThat(again.out()).contains("imported 0 comments").contains("already imported before: 8");
    }

    @Test
    void anImportIsNeitherRateLimitedNorHeldForModeration() throws Exception {
        try (TestApp strict = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_RATE_LIMITS", "on",
                "PARLEY_POST_BURST", "1", "PARLEY_POST_EVERY", "1h"))) {
            HttpResponse<String> settings = Http.send(HttpRequest.newBuilder(URI.create(strict.baseUrl()
                    + "/api/v1/admin/settings")).header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"premoderation\":true,\"blockedWords\":[\"bold\"]}")));
            assertThat(settings.statusCode()).isEqualTo(200);
            Samples.Run run = Samples.cli(Map.of("PARLEY_ADMIN_TOKEN", ADMIN), "import", "--format", "disqus",
                    "--url", strict.baseUrl(), Samples.of(Format.DISQUS, dir).toString());
            assertThat(run.exit()).as(run.err()).isZero();
            List<JsonObject> shown = Samples.thread(strict, "/posts/hello");
            assertThat(shown).hasSize(5).allSatisfy(c -> assertThat(c.getBoolean("pending", false)).isFalse());
        }
    }

    @Test
    void aCommentLongerThanAPostMayBeIsImportedWhole() throws Exception {
        String text = "word ".repeat(2_000).strip();
        Path file = Files.writeString(dir.resolve("long.json"), "{\"version\":1,\"users\":[],\"posts\":[]}\n"
                + new JsonObject().put("id", "long").put("pid", "").put("text", "<p>" + text + "</p>")
                .put("user", new JsonObject().put("id", "u").put("name", "Verbose"))
                .put("locator", new JsonObject().put("url", "https://r.example/long")).put("time", "2021-01-01T00:00:00Z")
                .encode() + "\n");
        assertThat(text.length()).isGreaterThan(8000);
        assertThat(Samples.cli(Map.of("PARLEY_ADMIN_TOKEN", ADMIN), "import", "--format", "remark42", "--url",
                app.baseUrl(), file.toString()).exit()).isZero();
        assertThat(Samples.thread(app, "/long").get(0).getString("body")).isEqualTo(text);
    }

    @Test
    void aDryRunThroughUrlComparesWithTheDatabaseAndWritesNothing() {
        Path file = Samples.of(Format.ISSO, dir);
        Samples.Run run = Samples.cli(Map.of(), "import", "--format", "isso", "--dry-run", "--url", app.baseUrl(),
                "--token", ADMIN, file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("dry run, nothing written: would import 5 comments into 2 threads")
                .contains("already imported before: 0");
        assertThat(Samples.thread(app, "/isso/post-1/")).isEmpty();
    }

    @Test
    void theAdminApiTakesTheFileAsItsBody() throws Exception {
        HttpResponse<String> answer = upload("wordpress", Files.readAllBytes(Samples.of(Format.WORDPRESS, dir)),
                "Bearer " + ADMIN, "application/octet-stream");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject report = Http.json(answer);
        assertThat(report.getInteger("comments")).isEqualTo(7);
        assertThat(report.getJsonObject("skipped").getInteger("not a comment")).isEqualTo(2);
        assertThat(Samples.thread(app, "/2020/01/hello-world/")).hasSize(5);
        JsonObject audit = Http.json(Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/admin/audit"))
                .header("Authorization", "Bearer " + ADMIN)));
        assertThat(audit.getJsonArray("entries").getJsonObject(0).getString("action")).isEqualTo("import");
    }

    @Test
    void anUploadWithoutTheModeratorTokenIsRefusedAtItsHead() throws Exception {
        byte[] file = Files.readAllBytes(Samples.of(Format.DISQUS, dir));
        Http.assertError(upload("disqus", file, null, "application/octet-stream"), 401, "unauthorized");
        Http.assertError(upload("disqus", file, "Bearer wrong-token", "application/octet-stream"), 403, "forbidden");
        Http.assertError(upload("disqus", file, "Bearer " + ADMIN, "application/json"), 415, "unsupported_media_type");
        Http.assertError(upload("blogger", file, "Bearer " + ADMIN, "application/octet-stream"), 400, "invalid_file");
        assertThat(Samples.thread(app, "/posts/hello")).isEmpty();
    }

    @Test
    void aFileThatIsNotTheFormatNamedIsRefusedWithWhy() throws Exception {
        HttpResponse<String> answer = upload("remark42", Files.readAllBytes(Samples.of(Format.DISQUS, dir)),
                "Bearer " + ADMIN, "application/octet-stream");
        Http.assertError(answer, 400, "invalid_file");
        assertThat(Http.json(answer).getJsonObject("error").getString("message")).contains("not a readable Remark42 backup: line 1");
    }

    @Test
    void anUploadOverTheCapIsCutOffWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[70_000];
        java.util.Arrays.fill(big, (byte) 'x');
        Http.assertError(upload("disqus", big, "Bearer " + ADMIN, "application/octet-stream"), 413, "too_large");
        HttpResponse<String> chunked;
        try (HttpClient client = HttpClient.newHttpClient()) {
            chunked = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/admin/import?format=disqus"))
                    .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        Http.assertError(chunked, 413, "too_large");
        // the node still imports afterwards: the failed uploads left nothing running
        assertThat(upload("disqus", Files.readAllBytes(Samples.of(Format.DISQUS, dir)), "Bearer " + ADMIN,
                "application/octet-stream").statusCode()).isEqualTo(200);
    }

    /**
     * One upload on a client of its own, as the command line sends one: a refused upload's
     * connection is closed by the node, and must not be taken from a shared pool afterwards.
     */
    private HttpResponse<String> upload(String format, byte[] body, String authorization, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/admin/import?format="
                + format)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.timeout(java.time.Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
