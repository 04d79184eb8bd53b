package dev.parley.security;

import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.RedisProcess;
import dev.parley.Services;
import dev.parley.TestApp;
import dev.parley.vote.Voting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A data request: the export shows, and the erasure removes, every piece of one author's data in
 * every table. The schema is read from the database's catalogue and must match {@link #SCHEMA},
 * the list of where personal data lives, so a table or column added without deciding what export
 * and erasure do with it fails here.
 */
class ErasureTest {
    enum Kind {
        /** Nothing about a person. */
        NONE,
        /** About a person: exported, and gone after their erasure. */
        PERSONAL,
        /** Exported; after an erasure kept only in a ban still active, which needs it to keep them out. */
        KEPT_BY_ACTIVE_BAN
    }

    static final Map<String, Map<String, Kind>> SCHEMA = Map.ofEntries(
            Map.entry("threads", kinds("id thread_key seq comment_count created_at locked score_seq", "")),
            Map.entry("comments", kinds("id thread_id seq parent_id created_at edited_at deleted idempotency_key verified pending"
                    + " deleted_by", "author body html author_id ip_hash avatar")),
            Map.entry("thread_events", kinds("thread_id seq kind comment_id created_at", "")),
            Map.entry("bans", kinds("id until_at created_at site", "reason", "author_id ip_hash")),
            Map.entry("audit", kinds("id at actor action site", "target detail")),
            Map.entry("settings", kinds("name value", "")),
            Map.entry("sites", kinds("name allowed_origins moderator_token_hash created_at", "")),
            Map.entry("verified_names", kinds("site", "name_key sso_user author_id")),
            Map.entry("flyway_schema_history", kinds("installed_rank version description type script checksum installed_by"
                    + " installed_on execution_time success", "")),
            Map.entry("import_sources", kinds("site format source_id comment_id", "")),
            Map.entry("event_consumers", kinds("consumer since_at scanned_to", "")),
            Map.entry("event_cursors", kinds("consumer thread_id seq behind attempts due_at claimed_by claimed_until", "")),
            Map.entry("mail_subscriptions", kinds("comment_id confirmed_at created_at", "author_id address")),
            Map.entry("mail_addresses", kinds("window_start in_window confirm_sent_at", "address")),
            Map.entry("mail_outbox", kinds("id kind comment_id created_at due_at attempts claimed_by claimed_until",
                    "address author_id")),
            Map.entry("thread_pages", kinds("thread_id url updated_at", "")),
            Map.entry("votes", kinds("comment_id value created_at", "voter_id ip_hash")),
            Map.entry("scores", kinds("comment_id thread_id up down version", "")),
            Map.entry("comment_versions", kinds("id comment_id written_at replaced_at edited_by", "body html")));

    private static final String BLOG = "blog-secret-for-erasure-0123456789abcdef";
    private static final String GRACES_ADDRESS = "198.51.100.77";

    private static Map<String, Kind> kinds(String none, String personal, String... keptByBan) {
        Map<String, Kind> kinds = new HashMap<>();
        for (String column : none.split(" ")) {
            kinds.put(column, Kind.NONE);
        }
        for (String column : personal.isBlank() ? new String[0] : personal.split(" ")) {
            kinds.put(column, Kind.PERSONAL);
        }
        for (String column : keptByBan.length == 0 ? new String[0] : keptByBan[0].split(" ")) {
            kinds.put(column, Kind.KEPT_BY_ACTIVE_BAN);
        }
        return kinds;
    }

    /** A node on SQLite or on a fresh PostgreSQL database, and the URL of the latter. */
    private record Node(TestApp app, String postgresUrl) implements AutoCloseable {
        static Node start(String database, Map<String, String> settings) {
            Map<String, String> all = new HashMap<>(settings);
            String url = database.equals("postgresql") ? Services.createPostgresDatabase() : null;
            if (url != null) {
                all.put("PARLEY_DATABASE_URL", url);
            }
            return new Node(TestApp.start(all), url);
        }

        StoredData stored() {
            return StoredData.of(app, postgresUrl);
        }

        @Override
        public void close() {
            app.close();
            if (postgresUrl != null) {
                Services.dropPostgresDatabase(postgresUrl);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void everyColumnOfTheSchemaIsClassified(String database) {
        try (Node node = Node.start(database, Map.of()); StoredData stored = node.stored()) {
            Map<String, List<String>> expected = new TreeMap<>();
            SCHEMA.forEach((table, columns) -> expected.put(table, columns.keySet().stream().sorted().toList()));
            Map<String, List<String>> actual = new TreeMap<>();
            stored.schema().forEach((table, columns) -> actual.put(table, columns.stream().sorted().toList()));
            assertThat(actual).as("a new table or column: classify it in ErasureTest.SCHEMA, then make export and"
                    + " erasure (store/PersonalData) cover it").isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theExportShowsAndTheErasureRemovesEveryPieceOfAnAuthorsData(String database) throws InterruptedException {
        try (Node node = Node.start(database, Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_SSO_SECRET", "blog=" + BLOG,
                "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32")); StoredData stored = node.stored()) {
            TestApp app = node.app();
            long one = grace(app, "erase-a", "grace body one");
            long two = grace(app, "erase-b", "grace body two");
            long three = grace(app, "erase-a", "grace body three");
            Http.json(Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", "erase-a")
                    .put("author", "Bob").put("body", "bob stays").encode(), "X-Forwarded-For", "198.51.100.88")).getLong("id");
            assertThat(admin(app, "PATCH", "/api/v1/comments/" + two, "{\"body\":\"a moderator's words\"}").statusCode())
                    .as("an edit keeps grace body two in the history").isEqualTo(200);
            assertThat(admin(app, "DELETE", "/api/v1/comments/" + three, null).statusCode()).isEqualTo(204);
            JsonObject listed = moderatorsView(app, one);
            String authorId = listed.getString("authorId");
            String ipHash = listed.getString("ipHash");
            ban(app, "authorId", authorId, 3600, "ban reason grace-77");
            ban(app, "ipHash", ipHash, 3600, "address reason grace-77");
            ban(app, "authorId", authorId, 1, "old reason grace-77");
            awaitActiveBans(app, 2);
            assertThat(Http.get(app.baseUrl() + "/api/v1/comments?thread=erase-a").body()).as("a cached page")
                    .contains("grace body one");

            String export = admin(app, "GET", "/api/v1/admin/authors/" + authorId, null).body();
            List<String> identifiers = List.of(authorId, ipHash, "grace-sub-77");
            for (String identifier : identifiers) {
                for (StoredData.Finding row : stored.find(identifier)) {
                    SCHEMA.get(row.table()).forEach((column, kind) -> {
                        Object value = row.row().get(column);
                        if (kind != Kind.NONE && value != null && !value.toString().isEmpty()) {
                            assertThat(export).as("the export has %s.%s", row.table(), column).contains(value.toString());
                        }
                    });
                }
            }

            assertThat(export).as("the earlier text of an edited comment").contains("grace body two");
            JsonObject erased = Http.json(admin(app, "DELETE", "/api/v1/admin/authors/" + authorId, null));
            assertThat(erased.getInteger("erased")).isEqualTo(3);
            long now = System.currentTimeMillis();
            for (String needle : List.of(authorId, ipHash, "grace-sub-77", "Grace Hopper", "grace body", "grace-avatar",
                    "grace-77")) {
                for (StoredData.Finding left : stored.find(needle)) {
                    assertThat(SCHEMA.get(left.table()).get(left.column())).as("%s still in %s: %s", needle, left.place(),
                            left.row()).isEqualTo(Kind.KEPT_BY_ACTIVE_BAN);
                    assertThat(((Number) left.row().get("until_at")).longValue()).as("an active ban").isGreaterThan(now);
                    assertThat(left.row().get("reason")).isEqualTo("");
                }
            }
            assertThat(stored.find("bob stays").stream().map(StoredData.Finding::place).toList())
                    .as("another author's data stays").containsExactly("comments.body", "comments.html");
            assertThat(Http.get(app.baseUrl() + "/api/v1/comments?thread=erase-a").body()).as("the cached page")
                    .contains("bob stays").doesNotContain("grace body");
            JsonObject after = Http.json(admin(app, "GET", "/api/v1/admin/authors/" + authorId, null));
            assertThat(after.getJsonArray("comments")).isEmpty();
            assertThat(after.getJsonArray("names")).isEmpty();
            assertThat(after.getJsonArray("versions")).isEmpty();
            assertThat(after.getJsonArray("bans").stream().map(b -> ((JsonObject) b).getString("reason")).toList())
                    .containsExactly("");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theErasureTakesTheAuthorsVotesAndTheirAddressOffOthersVotes(String database) {
        try (Node node = Node.start(database, Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32",
                "PARLEY_VOTE_TRUST_AFTER", "1ms")); StoredData stored = node.stored()) {
            TestApp app = node.app();
            JsonObject graces = Http.json(anonymous(app, "votes", "grace's own"));
            String token = graces.getString("authorToken");
            long bobs = Http.postComment(app, "votes", "Bob", "bob's").getLong("id");
            String colleague = Voting.newReader(app, graces.getLong("id"), GRACES_ADDRESS);
            Voting.voted(app, bobs, 1, token, "X-Forwarded-For", GRACES_ADDRESS);
            Voting.voted(app, bobs, -1, colleague, "X-Forwarded-For", GRACES_ADDRESS);
            String authorId = token.split("\\.")[1];
            String ipHash = moderatorsView(app, graces.getLong("id")).getString("ipHash");
            JsonObject export = Http.json(admin(app, "GET", "/api/v1/admin/authors/" + authorId, null));
            assertThat(export.getJsonArray("votes")).singleElement().satisfies(v -> {
                assertThat(((JsonObject) v).getLong("comment")).isEqualTo(bobs);
                assertThat(((JsonObject) v).getString("ipHash")).isEqualTo(ipHash);
            });

            admin(app, "DELETE", "/api/v1/admin/authors/" + authorId, null);
            assertThat(stored.find(authorId)).isEmpty();
            assertThat(stored.find(ipHash)).isEmpty();
            assertThat(Voting.scores(app, "votes", 0).get(bobs)).as("only the colleague's vote counts").containsExactly(0, 1);
        }
    }

    @Test
    void theErasureForgetsWhatTheRateLimitsCountedAboutTheAuthorAndTheirAddress() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_RATE_LIMITS", "on",
                "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"))) {
            long first = 0;
            for (int i = 1; i <= 5; i++) {
                HttpResponse<String> posted = anonymous(app, "limits", "post " + i);
                assertThat(posted.statusCode()).isEqualTo(201);
                first = first == 0 ? Http.json(posted).getLong("id") : first;
            }
            Http.assertError(anonymous(app, "limits", "post 6"), 429, "rate_limited");
            admin(app, "DELETE", "/api/v1/admin/authors/" + moderatorsView(app, first).getString("authorId"), null);
            assertThat(anonymous(app, "limits", "after the erasure").statusCode()).isEqualTo(201);
        }
    }

    @Test
    void theErasureForgetsTheRateLimitsOfTheAddressOnEverySite() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_RATE_LIMITS", "on",
                "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"))) {
            assertThat(admin(app, "PUT", "/api/v1/admin/sites/blog", "{\"allowedOrigins\":[]}").statusCode()).isEqualTo(200);
            long first = 0;
            for (int i = 1; i <= 5; i++) {
                HttpResponse<String> posted = anonymous(app, "/api/v1/comments?site=blog", "limits", "post " + i);
                assertThat(posted.statusCode()).isEqualTo(201);
                first = first == 0 ? Http.json(posted).getLong("id") : first;
            }
            Http.assertError(anonymous(app, "/api/v1/comments?site=blog", "limits", "post 6"), 429, "rate_limited");
            long firstId = first;
            String authorId = Http.json(admin(app, "GET", "/api/v1/admin/comments?site=blog", null)).getJsonArray("comments")
                    .stream().map(JsonObject.class::cast).filter(c -> c.getLong("id") == firstId).findFirst().orElseThrow()
                    .getString("authorId");
            admin(app, "DELETE", "/api/v1/admin/authors/" + authorId, null);
            assertThat(anonymous(app, "/api/v1/comments?site=blog", "limits", "after the erasure").statusCode()).isEqualTo(201);
        }
    }

    @Test
    void theErasureLeavesNoRedisKeyNamingTheAuthorOrTheirAddress() throws Exception {
        try (RedisProcess redis = RedisProcess.start(); TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN,
                "PARLEY_RATE_LIMITS", "on", "PARLEY_REDIS_URL", redis.url(), "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"))) {
            HttpResponse<String> posted = anonymous(app, "redis", "counted in Redis");
            JsonObject mine = Http.json(posted);
            request("PATCH", app.baseUrl() + "/api/v1/comments/" + mine.getLong("id"), "{\"body\":\"edited\"}",
                    "Authorization", bearer(mine.getString("authorToken")), "X-Forwarded-For", GRACES_ADDRESS);
            Http.postJson(app.baseUrl() + "/api/v1/preview", "{\"body\":\"draft\"}", "X-Forwarded-For", GRACES_ADDRESS);
            JsonObject listed = moderatorsView(app, mine.getLong("id"));
            List<String> identifiers = List.of(listed.getString("authorId"), listed.getString("ipHash"));
            assertThat(redisKeys(redis)).as("counted before").anyMatch(k -> k.contains(identifiers.get(0)))
                    .anyMatch(k -> k.contains(identifiers.get(1)));
            admin(app, "DELETE", "/api/v1/admin/authors/" + identifiers.get(0), null);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<String> left = redisKeys(redis);
            while (left.stream().anyMatch(k -> identifiers.stream().anyMatch(k::contains)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                left = redisKeys(redis);
            }
            assertThat(left).noneMatch(k -> identifiers.stream().anyMatch(k::contains));
        }
    }

    /** Every key in the test's own Redis, asked over a plain socket (RESP). */
    private static List<String> redisKeys(RedisProcess redis) throws java.io.IOException {
        URI uri = URI.create(redis.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.getOutputStream().write("KEYS *\r\n".getBytes(StandardCharsets.UTF_8));
            int count = Integer.parseInt(in.readLine().substring(1));
            List<String> keys = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                in.readLine(); // $length
                keys.add(in.readLine());
            }
            return keys;
        }
    }

    @Test
    void aNameReservedBeforeSitesExistedGoesWithItsAuthor() throws Exception {
        TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_SSO_SECRET", BLOG));
        try (StoredData stored = StoredData.of(app, null)) {
            HttpResponse<String> posted = Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject()
                    .put("thread", "legacy").put("author", "x").put("body", "hello")
                    .put("sso", jwt("legacy-sub-5", "Ada Lovelace")).encode());
            String authorId = Http.json(posted).getString("authorToken").split("\\.")[1];
            app.stop();
            try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + app.dataDir().resolve("parley.db"));
                 var s = conn.createStatement()) {
                s.executeUpdate("UPDATE verified_names SET author_id = NULL"); // as V5 left the rows made before it
            }
            app = app.restart();
            assertThat(stored.find("ada lovelace").stream().filter(f -> f.table().equals("verified_names")).toList())
                    .singleElement().satisfies(f -> assertThat(f.row().get("author_id")).isEqualTo(authorId));
            admin(app, "DELETE", "/api/v1/admin/authors/" + authorId, null);
            assertThat(stored.find("ada lovelace")).isEmpty();
            assertThat(stored.find("legacy-sub-5")).isEmpty();
        } finally {
            app.close();
        }
    }

    private static long grace(TestApp app, String thread, String body) {
        HttpResponse<String> posted = Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject()
                .put("thread", thread).put("author", "x").put("body", body).put("sso", jwt("grace-sub-77", "Grace Hopper"))
                .encode(), "X-Forwarded-For", GRACES_ADDRESS);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return Http.json(posted).getLong("id");
    }

    private static String jwt(String sub, String name) {
        return Hostile.jwt("{\"alg\":\"HS256\"}", new JsonObject().put("sub", sub).put("name", name)
                .put("avatar", "https://example.com/grace-avatar.png")
                .put("exp", System.currentTimeMillis() / 1000 + 600).encode(), BLOG);
    }

    private static HttpResponse<String> anonymous(TestApp app, String thread, String body) {
        return anonymous(app, "/api/v1/comments", thread, body);
    }

    private static HttpResponse<String> anonymous(TestApp app, String path, String thread, String body) {
        return Http.postJson(app.baseUrl() + path, new JsonObject().put("thread", thread)
                .put("author", "Ann").put("body", body).encode(), "X-Forwarded-For", GRACES_ADDRESS);
    }

    private static HttpResponse<String> admin(TestApp app, String method, String path, String body) {
        return request(method, app.baseUrl() + path, body, "Authorization", bearer(ADMIN));
    }

    private static JsonObject moderatorsView(TestApp app, long id) {
        return Http.json(admin(app, "GET", "/api/v1/admin/comments", null)).getJsonArray("comments").stream()
                .map(JsonObject.class::cast).filter(c -> c.getLong("id") == id).findFirst().orElseThrow();
    }

    private static void ban(TestApp app, String field, String value, int seconds, String reason) {
        assertThat(admin(app, "POST", "/api/v1/admin/bans", new JsonObject().put(field, value).put("seconds", seconds)
                .put("reason", reason).encode()).statusCode()).isEqualTo(201);
    }

    private static void awaitActiveBans(TestApp app, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonArray bans;
        do {
            Thread.sleep(50);
            bans = Http.json(admin(app, "GET", "/api/v1/admin/bans", null)).getJsonArray("bans");
        } while (bans.size() > count && System.nanoTime() < deadline);
        assertThat(bans.size()).as(bans.encode()).isEqualTo(count);
    }
}
