package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups taken while a node serves, restored into a fresh node. */
class BackupTest {
    private static final String ADMIN = "moderator-token-for-tests";

    @TempDir
    Path dir;

    private Map<String, String> node(String name, String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PARLEY_DATA_DIR", dir.resolve(name).toString(),
                "PARLEY_ADMIN_TOKEN", ADMIN));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void aSitesModeratorMayNotBackUpTheDatabaseThatHoldsEverySite() throws Exception {
        try (TestApp a = TestApp.start(node("a"))) {
            HttpResponse<String> site = Http.send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v1/admin/sites/blog"))
                    .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"allowedOrigins\":[],\"moderatorToken\":\"blog-moderator-token-0123\"}")));
            assertThat(site.statusCode()).as(site.body()).isEqualTo(200);
            HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v1/admin/backup?site=blog"))
                    .header("Authorization", "Bearer blog-moderator-token-0123").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            Http.assertError(answer, 403, "forbidden");
            assertThat(dir.resolve("a").resolve("backups")).doesNotExist();
        }
    }

    @Test
    void aBackupTakenWhileAnotherClientPostsRestoresWithTheSameCommentsSeqsAndAuthorTokens() throws Exception {
        Path backup;
        List<JsonObject> quiet;
        List<JsonObject> busyAtTheEnd;
        String token;
        long mine;
        try (TestApp a = TestApp.start(node("a"))) {
            JsonObject posted = Http.json(Http.postJson(a.baseUrl() + "/api/v1/comments",
                    "{\"thread\":\"quiet\",\"author\":\"Ann\",\"body\":\"mine\"}"));
            token = posted.getString("authorToken");
            mine = posted.getLong("id");
            Http.postJson(a.baseUrl() + "/api/v1/comments", "{\"thread\":\"quiet\",\"author\":\"Ben\",\"body\":\"theirs\"}");
            quiet = Samples.thread(a, "quiet");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger posts = new AtomicInteger();
            Thread poster = Thread.ofVirtual().start(() -> {
                while (!stop.get() && posts.get() < 5_000) {
                    Http.postJson(a.baseUrl() + "/api/v1/comments", "{\"thread\":\"busy\",\"author\":\"Bot\",\"body\":\"n"
                            + posts.incrementAndGet() + "\"}");
                }
            });
            awaitAtLeast(posts, 20);
            HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v1/admin/backup"))
                    .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            int postedDuring = posts.get();
            awaitAtLeast(posts, postedDuring + 20);
            stop.set(true);
            poster.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            backup = Path.of(Http.json(answer).getString("directory"));
            assertThat(Http.json(answer).getBoolean("secretCopied")).isTrue();
            assertThat(backup.getParent()).isEqualTo(dir.resolve("a").resolve("backups"));
            busyAtTheEnd = Samples.thread(a, "busy");
        }
        Path restored = Files.createDirectories(dir.resolve("b"));
        for (String file : List.of("parley.db", "secret.key")) {
            Files.copy(backup.resolve(file), restored.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (TestApp b = TestApp.start(node("b"))) {
            assertThat(Samples.thread(b, "quiet")).isEqualTo(quiet);
            List<JsonObject> busy = Samples.thread(b, "busy");
            assertThat(busy).as("one consistent snapshot: a gap-free prefix of what the node went on to write")
                    .isNotEmpty().isEqualTo(busyAtTheEnd.subList(0, busy.size()));
            assertThat(busy).extracting(c -> c.getLong("seq"))
                    .containsExactly(LongStream.rangeClosed(1, busy.size()).boxed().toArray(Long[]::new));
            HttpResponse<String> edit = Http.send(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/api/v1/comments/" + mine))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"edited after the restore\"}")));
            assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
        }
    }

    @Test
    void theCommandLineBacksUpIntoAnEmptyDirectoryWhileTheNodeServes() throws Exception {
        try (TestApp a = TestApp.start(node("a"))) {
            Http.postJson(a.baseUrl() + "/api/v1/comments", "{\"thread\":\"t\",\"author\":\"Ann\",\"body\":\"one\"}");
            Samples.Run run = Samples.cli(node("a"), "backup", dir.resolve("copy").toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("backed up to").contains("with the secret");
            assertThat(dir.resolve("copy").resolve("parley.db")).isNotEmptyFile();
            assertThat(dir.resolve("copy").resolve("secret.key")).hasSameTextualContentAs(dir.resolve("a").resolve("secret.key"));
            Samples.Run again = Samples.cli(node("a"), "backup", dir.resolve("copy").toString());
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("is not empty");
        }
    }

    @Test
    void onlyTheNewestBackupsAreKept() {
        try (TestApp a = TestApp.start(node("a", "PARLEY_BACKUP_KEEP", "2", "PARLEY_BACKUP_DIR",
                dir.resolve("kept").toString()))) {
            for (int i = 0; i < 3; i++) {
                Samples.Run run = Samples.cli(Map.of("PARLEY_ADMIN_TOKEN", ADMIN), "backup", "--url", a.baseUrl());
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).contains("the node wrote its backup to " + dir.resolve("kept"));
            }
        }
        assertThat(dir.resolve("kept").toFile().list()).hasSize(2);
    }

    private static void awaitAtLeast(AtomicInteger counter, int target) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (counter.get() < target) {
            assertThat(System.nanoTime()).as("posts within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
