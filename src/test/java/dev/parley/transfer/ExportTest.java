package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} writes everything as JSON Lines; {@code import --format parley} brings it back. */
class ExportTest {
    private static final String ADMIN = "moderator-token-for-tests";

    @TempDir
    Path dir;

    private Map<String, String> node(String name) {
        return Map.of("PARLEY_DATA_DIR", dir.resolve(name).toString(), "PARLEY_ADMIN_TOKEN", ADMIN);
    }

    @Test
    void anExportImportedIntoAnEmptyNodeGivesTheSameThreadsAndComments() throws Exception {
        List<JsonObject> before;
        List<JsonObject> beforeOther;
        try (TestApp a = TestApp.start(node("a"))) {
            long first = post(a, "blog/a", null, "Ann", "First *post*");
            post(a, "blog/a", first, "Борис", "Ответ");
            long doomed = post(a, "blog/a", first, "Cy", "to be removed");
            post(a, "blog/ü", null, "Zoë 🦊", "Elsewhere");
            admin(a, "DELETE", "/api/v1/comments/" + doomed, null);
            admin(a, "PUT", "/api/v1/admin/threads/lock", "{\"thread\":\"blog/ü\",\"locked\":true}");
            before = Samples.thread(a, "blog/a");
            beforeOther = Samples.thread(a, "blog/ü");
        }
        Path file = dir.resolve("parley.jsonl");
        Samples.Run export = Samples.cli(node("a"), "export", file.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("exported 2 threads and 4 comments");
        List<JsonObject> lines = Files.readAllLines(file).stream().map(JsonObject::new).toList();
        assertThat(lines).extracting(l -> l.getString("type"))
                .containsExactly("export", "site", "thread", "thread", "comment", "comment", "comment", "comment", "end");
        assertThat(lines.get(4).getString("authorId")).isNotBlank();
        assertThat(lines.get(4).getString("ipHash")).isNotBlank();

        Samples.Run imported = Samples.cli(node("b"), "import", "--format", "parley", file.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 4 comments into 2 threads");
        try (TestApp b = TestApp.start(node("b"))) {
            assertThat(shape(Samples.thread(b, "blog/a"))).isEqualTo(shape(before));
            assertThat(shape(Samples.thread(b, "blog/ü"))).isEqualTo(shape(beforeOther));
            Http.assertError(Http.postJson(b.baseUrl() + "/api/v1/comments",
                    "{\"thread\":\"blog/ü\",\"author\":\"X\",\"body\":\"locked?\"}"), 403, "thread_locked");
        }
        assertThat(Samples.cli(node("b"), "import", "--format", "parley", file.toString()).out())
                .contains("imported 0 comments").contains("already imported before: 4");
    }

    @Test
    void anExportCutShortIsRefusedWhole() throws Exception {
        try (TestApp a = TestApp.start(node("a"))) {
            post(a, "t", null, "Ann", "one");
        }
        Path file = dir.resolve("parley.jsonl");
        assertThat(Samples.cli(node("a"), "export", file.toString()).exit()).isZero();
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, lines.size() - 1));
        Samples.Run run = Samples.cli(node("b"), "import", "--format", "parley", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cut short");
    }

    @Test
    void aSitesExportHoldsThatSiteAloneAndImportsIntoAnotherSite() throws Exception {
        try (TestApp a = TestApp.start(node("a"))) {
            admin(a, "PUT", "/api/v1/admin/sites/docs", "{\"allowedOrigins\":[]}");
            post(a, "/page", null, "Ann", "on the default site");
            assertThat(Http.postJson(a.baseUrl() + "/api/v1/comments?site=docs",
                    "{\"thread\":\"/page\",\"author\":\"Bo\",\"body\":\"on docs\"}").statusCode()).isEqualTo(201);
        }
        Path file = dir.resolve("docs.jsonl");
        Samples.Run export = Samples.cli(node("a"), "export", file.toString(), "--site", "docs");
        assertThat(export.exit()).as(export.err()).isZero();
        List<JsonObject> lines = Files.readAllLines(file).stream().map(JsonObject::new).toList();
        assertThat(lines).extracting(l -> l.getString("type")).containsExactly("export", "site", "thread", "comment", "end");
        assertThat(lines.get(2).getString("thread")).isEqualTo("/page");
        assertThat(lines.get(3).getString("body")).isEqualTo("on docs");
        assertThat(Samples.cli(node("a"), "export", dir.resolve("x.jsonl").toString(), "--site", "nowhere").exit())
                .as("a site that does not exist").isEqualTo(2);

        try (TestApp b = TestApp.start(node("b"))) {
            admin(b, "PUT", "/api/v1/admin/sites/help", "{\"allowedOrigins\":[]}");
        }
        Samples.Run imported = Samples.cli(node("b"), "import", "--format", "parley", file.toString(), "--site", "help");
        assertThat(imported.exit()).as(imported.err()).isZero();
        try (TestApp b = TestApp.start(node("b"))) {
            assertThat(Http.json(Http.get(b.baseUrl() + "/api/v1/comments?site=help&thread=/page"))
                    .getJsonArray("comments").getJsonObject(0).getString("body")).isEqualTo("on docs");
            assertThat(Http.json(Http.get(b.baseUrl() + "/api/v1/comments?thread=/page")).getJsonArray("comments")).isEmpty();
        }
    }

    /** What a reader sees of each comment, ids aside: who, what, when, answering whom, deleted or not. */
    private static List<String> shape(List<JsonObject> comments) {
        return comments.stream().map(c -> String.join("|", c.getString("author"), c.getString("body"),
                c.getString("html"), c.getString("createdAt"), String.valueOf(c.getBoolean("deleted")),
                String.valueOf(Samples.authorOf(comments, c.getLong("parent"))))).toList();
    }

    private static long post(TestApp app, String thread, Long parent, String author, String body) {
        JsonObject post = new JsonObject().put("thread", thread).put("author", author).put("body", body).put("parent", parent);
        return Http.json(Http.postJson(app.baseUrl() + "/api/v1/comments", post.encode())).getLong("id");
    }

    private static void admin(TestApp app, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        assertThat(Http.send(request).statusCode()).isBetween(200, 204);
    }
}
