package dev.parley.site;

import static dev.parley.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One server, several sites: each keeps its own threads, origins, moderators, settings and bans. */
class SitesTest {
    private static final String ADMIN = "server-admin-token-for-sites";
    private static final String ALPHA_MODERATOR = "alpha-moderator-token-0123";
    private static final String ALPHA_ORIGIN = "https://alpha.example";
    private static final String BETA_ORIGIN = "https://beta.example";
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_ALLOWED_ORIGINS", "https://default.example"));
        assertThat(saveSite("alpha", List.of(ALPHA_ORIGIN), ALPHA_MODERATOR).statusCode()).isEqualTo(200);
        assertThat(saveSite("beta", List.of(BETA_ORIGIN), null).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void twoSitesWithTheSamePathKeepTheirOwnThreads() {
        post("alpha", "/post", "Ann", "on alpha");
        post("beta", "/post", "Bob", "on beta");
        post(null, "/post", "Cy", "on the default site");

        assertThat(bodies("alpha", "/post")).containsExactly("on alpha");
        assertThat(bodies("beta", "/post")).containsExactly("on beta");
        assertThat(bodies(null, "/post")).containsExactly("on the default site");
        JsonObject listed = Http.json(Http.get(app.baseUrl() + "/api/v1/comments?site=alpha&thread=/post"));
        assertThat(listed.getString("thread")).isEqualTo("/post");
        assertThat(listed.getJsonArray("comments").getJsonObject(0).getString("thread")).isEqualTo("/post");
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/counts?site=beta&thread=/post&thread=/other"))
                .getJsonObject("counts").getMap()).isEqualTo(Map.of("/post", 1, "/other", 0));

        try (WsClient alphaReader = WsClient.connect(app.wsUrl() + "?site=alpha", null, true);
             WsClient betaReader = WsClient.connect(app.wsUrl() + "?site=beta", null, true)) {
            alphaReader.subscribe("/post", 1L).next("subscribed");
            betaReader.subscribe("/post", 1L).next("subscribed");
            post("alpha", "/post", "Ann", "live on alpha");
            JsonObject created = alphaReader.next("comment");
            assertThat(created.getString("thread")).isEqualTo("/post");
            assertThat(created.getJsonObject("comment").getString("body")).isEqualTo("live on alpha");
            betaReader.assertExhausted(Duration.ofMillis(300));
        }
    }

    @Test
    void anUnknownSiteIsNotFoundOnEveryPath() {
        assertError(Http.get(app.baseUrl() + "/api/v1/comments?site=gamma&thread=/post"), 404, "not_found");
        assertError(Http.get(app.baseUrl() + "/api/v1/counts?site=gamma&thread=/post"), 404, "not_found");
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments?site=gamma", comment("/post", "Ann", "hello")),
                404, "not_found");
        assertError(Http.get(app.baseUrl() + "/api/v1/comments?site=%00%0A&thread=/post"), 404, "not_found");
        assertThatThrownBy(() -> WsClient.connect(app.wsUrl() + "?site=gamma", null, true))
                .rootCause().hasMessageContaining("404");
        assertThat(bodies(null, "/post")).isEmpty();
    }

    @Test
    void eachSiteAcceptsOnlyItsOwnOrigins() {
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments?site=alpha", comment("/o", "Ann", "from beta's page"),
                "Origin", BETA_ORIGIN), 403, "forbidden_origin");
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments?site=alpha", comment("/o", "Ann", "from the default"),
                "Origin", "https://default.example"), 403, "forbidden_origin");
        assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments?site=alpha", comment("/o", "Ann", "from alpha's page"),
                "Origin", ALPHA_ORIGIN).statusCode()).isEqualTo(201);
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments", comment("/o", "Ann", "from alpha's page"),
                "Origin", ALPHA_ORIGIN), 403, "forbidden_origin");

        assertThatThrownBy(() -> WsClient.connect(app.wsUrl() + "?site=alpha", BETA_ORIGIN, true))
                .rootCause().hasMessageContaining("403");
        try (WsClient fromAlpha = WsClient.connect(app.wsUrl() + "?site=alpha", ALPHA_ORIGIN, true)) {
            fromAlpha.subscribe("/o", 0L);
            assertThat(fromAlpha.next("comment").getJsonObject("comment").getString("body")).isEqualTo("from alpha's page");
            assertThat(fromAlpha.next("subscribed").getString("thread")).isEqualTo("/o");
        }
    }

    @Test
    void aSiteModeratorSeesAndActsOnlyOnTheirSite() {
        long onAlpha = post("alpha", "/m", "Ann", "alpha's comment").getLong("id");
        long onBeta = post("beta", "/m", "Bob", "beta's comment").getLong("id");
        post(null, "/m", "Cy", "the default site's comment");

        JsonArray alphaList = Http.json(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/comments?site=alpha", null))
                .getJsonArray("comments");
        assertThat(alphaList).hasSize(1);
        assertThat(alphaList.getJsonObject(0).getLong("id")).isEqualTo(onAlpha);
        assertThat(alphaList.getJsonObject(0).getString("site")).isEqualTo("alpha");
        assertError(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/comments", null), 403, "forbidden");
        assertError(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/comments?site=beta", null), 403, "forbidden");
        assertError(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/comments?site=alpha&allSites=true", null), 403, "forbidden");
        assertError(as(ALPHA_MODERATOR, "DELETE", "/api/v1/comments/" + onBeta + "?site=alpha", null), 404, "not_found");
        assertError(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/sites", null), 403, "forbidden");
        assertError(as(ALPHA_MODERATOR, "DELETE", "/api/v1/admin/authors/x?site=alpha", null), 403, "forbidden");
        assertThat(bodies("beta", "/m")).containsExactly("beta's comment");

        assertThat(as(ALPHA_MODERATOR, "DELETE", "/api/v1/comments/" + onAlpha + "?site=alpha", null).statusCode())
                .isEqualTo(204);
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/comments?site=alpha&thread=/m"))
                .getJsonArray("comments").getJsonObject(0).getBoolean("deleted")).isTrue();
        JsonArray alphaAudit = Http.json(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/audit?site=alpha", null))
                .getJsonArray("entries");
        assertThat(alphaAudit).isNotEmpty().allSatisfy(e -> assertThat(((JsonObject) e).getString("site")).isEqualTo("alpha"));

        JsonArray everything = Http.json(as(ADMIN, "GET", "/api/v1/admin/comments?allSites=true", null))
                .getJsonArray("comments");
        assertThat(everything.stream().map(c -> ((JsonObject) c).getString("site")))
                .containsExactlyInAnyOrder("alpha", "beta", "default");
    }

    @Test
    void settingsAreEachSites() {
        assertThat(as(ALPHA_MODERATOR, "PUT", "/api/v1/admin/settings?site=alpha",
                "{\"premoderation\":true,\"blockedWords\":[\"forbidden\"]}").statusCode()).isEqualTo(200);
        assertThat(post("alpha", "/s", "Ann", "waits for a moderator").getBoolean("pending")).isTrue();
        assertThat(post("beta", "/s", "Ann", "published at once").getBoolean("pending")).isNotEqualTo(true);
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments?site=alpha", comment("/s", "Ann", "a forbidden word")),
                400, "blocked_content");
        assertThat(post("beta", "/s", "Ann", "a forbidden word is fine here").getString("body")).contains("forbidden");
        assertThat(Http.json(as(ADMIN, "GET", "/api/v1/admin/settings?site=beta", null)).getBoolean("premoderation"))
                .isFalse();
        assertThat(Http.json(as(ADMIN, "GET", "/api/v1/admin/settings", null)).getBoolean("premoderation")).isFalse();
    }

    @Test
    void aSiteBanKeepsTheAuthorOutOfThatSiteOnly() {
        JsonObject first = postAnswer("alpha", "/b", "Troll", "first", null);
        String token = first.getString("authorToken");
        String authorId = Http.json(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/comments?site=alpha", null))
                .getJsonArray("comments").getJsonObject(0).getString("authorId");
        assertThat(as(ALPHA_MODERATOR, "POST", "/api/v1/admin/bans?site=alpha",
                new JsonObject().put("authorId", authorId).put("seconds", 3600).put("reason", "trolling").encode())
                .statusCode()).isEqualTo(201);

        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments?site=alpha", comment("/b", "Troll", "again"),
                "Authorization", "Bearer " + token), 403, "banned");
        assertThat(postAnswer("beta", "/b", "Troll", "elsewhere", token).getString("authorToken")).isNotNull();
        assertThat(Http.json(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/bans?site=alpha", null)).getJsonArray("bans")
                .getJsonObject(0).getString("site")).isEqualTo("alpha");

        assertThat(as(ADMIN, "POST", "/api/v1/admin/bans", new JsonObject().put("authorId", authorId)
                .put("seconds", 3600).put("reason", "everywhere").encode()).statusCode()).isEqualTo(201);
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments?site=beta", comment("/b", "Troll", "and here"),
                "Authorization", "Bearer " + token), 403, "banned");
    }

    @Test
    void aVoteCountsOnItsOwnSiteAndASiteBanTakesOnlyThatSitesVotes() {
        long onAlpha = post("alpha", "/v", "Ann", "alpha's").getLong("id");
        long onDefault = post(null, "/v", "Ann", "the default site's").getLong("id");
        assertError(vote("beta", onAlpha, null), 404, "not_found");
        JsonObject first = Http.json(vote("alpha", onAlpha, null));
        String voter = first.getString("authorToken");
        assertThat(first.getInteger("up")).isEqualTo(1);
        assertThat(vote(null, onDefault, voter).statusCode()).isEqualTo(200);

        assertThat(as(ALPHA_MODERATOR, "POST", "/api/v1/admin/bans?site=alpha", new JsonObject()
                .put("ipHash", ipHashOf("alpha", onAlpha)).put("seconds", 60).put("reason", "").encode()).statusCode())
                .isEqualTo(201);
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/scores?site=alpha&thread=/v")).getJsonArray("scores")
                .getJsonObject(0).getInteger("up")).as("alpha's vote went with the ban").isZero();
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/scores?thread=/v")).getJsonArray("scores")
                .getJsonObject(0).getInteger("up")).as("the default site's stays").isEqualTo(1);
        assertError(as(ALPHA_MODERATOR, "DELETE", "/api/v1/admin/votes?site=alpha&ipHash=x", null), 403, "forbidden");
    }

    @Test
    void onlyTheServerAdminManagesSitesAndBadOnesAreRefused() {
        assertError(saveSite("Bad_Name", List.of(), null), 400, "invalid_json");
        assertError(saveSite("default", List.of(), null), 400, "invalid_json");
        assertError(saveSite("gamma", List.of("javascript:alert(1)"), null), 400, "invalid_json");
        assertError(saveSite("gamma", List.of(), "short"), 400, "invalid_json");
        assertError(as(ALPHA_MODERATOR, "PUT", "/api/v1/admin/sites/gamma?site=alpha", "{\"allowedOrigins\":[]}"),
                403, "forbidden");

        JsonArray sites = Http.json(as(ADMIN, "GET", "/api/v1/admin/sites", null)).getJsonArray("sites");
        assertThat(sites.stream().map(s -> ((JsonObject) s).getString("name"))).containsExactly("alpha", "beta");
        assertThat(sites.encode()).doesNotContain(ALPHA_MODERATOR);
        assertThat(sites.getJsonObject(0).getBoolean("moderatorToken")).isTrue();

        // Changing the origins keeps the token; an empty token removes it.
        assertThat(saveSite("alpha", List.of(ALPHA_ORIGIN, "https://www.alpha.example"), null).statusCode()).isEqualTo(200);
        assertThat(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/comments?site=alpha", null).statusCode()).isEqualTo(200);
        assertThat(saveSite("alpha", List.of(ALPHA_ORIGIN), "").statusCode()).isEqualTo(200);
        assertError(as(ALPHA_MODERATOR, "GET", "/api/v1/admin/comments?site=alpha", null), 403, "forbidden");
    }

    private HttpResponse<String> vote(String site, long comment, String token) {
        String url = app.baseUrl() + "/api/v1/comments/" + comment + "/vote" + (site == null ? "" : "?site=" + site);
        return token == null ? Http.postJson(url, "{\"value\":1}")
                : Http.postJson(url, "{\"value\":1}", "Authorization", "Bearer " + token);
    }

    /** The address hash a comment was posted from, as its site's moderators see it. */
    private String ipHashOf(String site, long comment) {
        return Http.json(as(site.equals("alpha") ? ALPHA_MODERATOR : ADMIN, "GET", "/api/v1/admin/comments?site=" + site, null))
                .getJsonArray("comments").stream().map(JsonObject.class::cast).filter(c -> c.getLong("id") == comment)
                .findFirst().orElseThrow().getString("ipHash");
    }

    private HttpResponse<String> saveSite(String name, List<String> origins, String moderatorToken) {
        JsonObject body = new JsonObject().put("allowedOrigins", new JsonArray(origins));
        if (moderatorToken != null) {
            body.put("moderatorToken", moderatorToken);
        }
        return as(ADMIN, "PUT", "/api/v1/admin/sites/" + name, body.encode());
    }

    private HttpResponse<String> as(String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return Http.send(b);
    }

    private JsonObject post(String site, String thread, String author, String body) {
        return postAnswer(site, thread, author, body, null);
    }

    private JsonObject postAnswer(String site, String thread, String author, String body, String token) {
        String url = app.baseUrl() + "/api/v1/comments" + (site == null ? "" : "?site=" + site);
        HttpResponse<String> answer = token == null ? Http.postJson(url, comment(thread, author, body))
                : Http.postJson(url, comment(thread, author, body), "Authorization", "Bearer " + token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return Http.json(answer);
    }

    private static String comment(String thread, String author, String body) {
        return new JsonObject().put("thread", thread).put("author", author).put("body", body).encode();
    }

    private List<String> bodies(String site, String thread) {
        String url = app.baseUrl() + "/api/v1/comments?thread=" + thread + (site == null ? "" : "&site=" + site);
        return Http.json(Http.get(url)).getJsonArray("comments").stream()
                .map(c -> ((JsonObject) c).getString("body")).toList();
    }
}
