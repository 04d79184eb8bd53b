package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.identity.AddressHasher;
import dev.parley.identity.AuthorTokens;
import dev.parley.identity.Identities;
import dev.parley.identity.ServerSecret;
import dev.parley.identity.SsoSites;
import dev.parley.identity.SsoTokens;
import dev.parley.protocol.Json;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signed-in identities belong to the site that signed them: one site's user "victim-42" is not
 * another's, a site keeps its users across a change of secret, and a token is used only within
 * its {@code nbf}/{@code iat}/{@code exp} times.
 */
class SsoSitesTest {
    private static final String BLOG = "blog-secret-0123456789abcdefghijklmnop";
    private static final String SHOP = "shop-secret-0123456789abcdefghijklmnop";
    private static final String BLOG_NEXT = "blog-secret-rotated-0123456789abcdefgh";
    private static final String SERVER_SECRET = "server-secret-for-sso-tests-0123456789";

    private static String jwt(String secret, String sub, String name, String... extraClaims) {
        JsonObject claims = new JsonObject().put("sub", sub).put("name", name)
                .put("exp", System.currentTimeMillis() / 1000 + 600);
        for (int i = 0; i < extraClaims.length; i += 2) {
            claims.put(extraClaims[i], Long.parseLong(extraClaims[i + 1]));
        }
        return Hostile.jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims.encode(), secret);
    }

    private static HttpResponse<String> signedPost(TestApp app, String thread, String body, String jwt) {
        return Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", thread)
                .put("author", "ignored").put("body", body).put("sso", jwt).encode());
    }

    private static JsonObject posted(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return Http.json(answer);
    }

    @Test
    void anotherSitesUserWithTheSameSubCannotEditOrDeleteTheirComment() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_SSO_SECRET", "blog=" + BLOG + ",shop=" + SHOP))) {
            JsonObject victim = posted(signedPost(app, "sites", "the blog's victim-42", jwt(BLOG, "victim-42", "Victim")));
            JsonObject other = posted(signedPost(app, "sites", "the shop's victim-42", jwt(SHOP, "victim-42", "Mallory")));
            String shopToken = other.getString("authorToken");
            assertThat(shopToken).isNotEqualTo(victim.getString("authorToken"));
            String path = app.baseUrl() + "/api/v1/comments/" + victim.getLong("id");
            assertError(request("PATCH", path, "{\"body\":\"hijacked\"}", "Authorization", bearer(shopToken)), 403, "forbidden");
            assertError(request("DELETE", path, null, "Authorization", bearer(shopToken)), 403, "forbidden");
            assertThat(Http.get(app.baseUrl() + "/api/v1/comments?thread=sites").body())
                    .contains("the blog's victim-42").doesNotContain("hijacked");
        }
    }

    @Test
    void rotatingASitesSecretKeepsItsUsersIdentities() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_SSO_SECRET", "blog=" + BLOG + ", blog=" + BLOG_NEXT))) {
            JsonObject before = posted(signedPost(app, "rotate", "signed with the old secret", jwt(BLOG, "u-7", "Ann")));
            JsonObject after = posted(signedPost(app, "rotate", "signed with the new one", jwt(BLOG_NEXT, "u-7", "Ann")));
            assertThat(after.getString("authorToken")).isEqualTo(before.getString("authorToken"));
            assertThat(request("PATCH", app.baseUrl() + "/api/v1/comments/" + before.getLong("id"), "{\"body\":\"mine\"}",
                    "Authorization", bearer(after.getString("authorToken"))).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBareSecretKeepsTheAuthorIdsItAlwaysGave() throws Exception {
        try (TestApp app = TestApp.start(Map.of("PARLEY_SSO_SECRET", BLOG, "PARLEY_SECRET", SERVER_SECRET))) {
            String token = posted(signedPost(app, "bare", "hello", jwt(BLOG, "u-1", "Ann"))).getString("authorToken");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SERVER_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String legacyId = "sso-" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    Arrays.copyOf(mac.doFinal("sso-user:u-1".getBytes(StandardCharsets.UTF_8)), 16));
            assertThat(token.split("\\.")[1]).isEqualTo(legacyId);
        }
    }

    @Test
    void theLegacySiteKeepsTheIdsItsSecretGaveWhenItWasBare(@org.junit.jupiter.api.io.TempDir Path dir) {
        ServerSecret secret = ServerSecret.load(SERVER_SECRET, dir);
        Identities bare = identities(secret, SsoSites.parse(BLOG));
        Identities named = identities(secret, SsoSites.parse("blog=" + BLOG + ",shop=" + SHOP, "blog"));
        Identities unnamedLegacy = identities(secret, SsoSites.parse("blog=" + BLOG + ",shop=" + SHOP));
        String was = bare.poster(null, jwt(BLOG, "u-1", "Ann"), "h").poster().authorId();
        assertThat(named.poster(null, jwt(BLOG, "u-1", "Ann"), "h").poster().authorId()).isEqualTo(was);
        assertThat(named.poster(null, jwt(SHOP, "u-1", "Ann"), "h").poster().authorId()).isNotEqualTo(was);
        assertThat(unnamedLegacy.poster(null, jwt(BLOG, "u-1", "Ann"), "h").poster().authorId()).isNotEqualTo(was);
        Identities anyCase = identities(secret, SsoSites.parse("Blog=" + BLOG + ",blog=" + BLOG_NEXT));
        assertThat(anyCase.poster(null, jwt(BLOG, "u-1", "Ann"), "h").poster().authorId()).as("names ignore case")
                .isEqualTo(anyCase.poster(null, jwt(BLOG_NEXT, "u-1", "Ann"), "h").poster().authorId());
    }

    private static Identities identities(ServerSecret secret, SsoSites sites) {
        return new Identities(new AuthorTokens(secret), new SsoTokens(sites, new Json(), Clock.systemUTC()),
                new AddressHasher(secret), secret, "");
    }

    @Test
    void signedInNamesAreReservedPerSiteAndAgainstEveryAnonymousPoster() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_SSO_SECRET", "blog=" + BLOG + ",shop=" + SHOP))) {
            posted(signedPost(app, "names", "the blog's Grace", jwt(BLOG, "g-1", "Grace Hopper")));
            posted(signedPost(app, "names", "the shop's Grace", jwt(SHOP, "g-9", "Grace Hopper")));
            assertError(Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", "names")
                    .put("author", "grace hopper").put("body", "anonymous Grace").encode()), 400, "invalid_author");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nbf an hour ahead|nbf|3600",
            "iat an hour ahead|iat|3600",
            "nbf past the skew|nbf|90",
            "iat past the skew|iat|90",
    })
    void aTokenFromTheFutureIsRefused(String why, String claim, long aheadSeconds) {
        try (TestApp app = TestApp.start(Map.of("PARLEY_SSO_SECRET", Hostile.SSO_SECRET))) {
            String future = Long.toString(System.currentTimeMillis() / 1000 + aheadSeconds);
            assertError(signedPost(app, "times", why, jwt(Hostile.SSO_SECRET, "u-1", "Ann", claim, future)),
                    401, "unauthorized");
            String withinSkew = Long.toString(System.currentTimeMillis() / 1000 + 30);
            String past = Long.toString(System.currentTimeMillis() / 1000 - 3600);
            posted(signedPost(app, "times", why + ", within the skew",
                    jwt(Hostile.SSO_SECRET, "u-1", "Ann", claim, withinSkew)));
            posted(signedPost(app, "times", why + ", in the past", jwt(Hostile.SSO_SECRET, "u-1", "Ann", claim, past)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a short secret|blog=short-secret|entry 1",
            "a short second entry|blog=" + BLOG + ",shop=tiny|entry 2",
            "one secret, two sites|blog=" + BLOG + ",shop=" + BLOG + "|entries 1 and 2",
            "a bare secret reused by a site|" + BLOG + ",shop=" + BLOG + "|entries 1 and 2",
    })
    void badSiteListsAreRefusedWithoutEchoingASecret(String why, String value, String named) {
        assertThatThrownBy(() -> SsoSites.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret").doesNotContain("tiny")
                        .doesNotContain(BLOG).doesNotContain("blog"));
    }

    @Test
    void theLegacySiteMustBeANamedSiteAndExcludesBareSecrets() {
        assertThatThrownBy(() -> SsoSites.parse("blog=" + BLOG, "shop")).hasMessageContaining("not one of the sites");
        assertThatThrownBy(() -> SsoSites.parse(BLOG + ",shop=" + SHOP, "shop")).hasMessageContaining("bare secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(BLOG).doesNotContain(SHOP));
        assertThat(SsoSites.parse("=a=b" + BLOG).bareSecrets()).as("a leading = marks a bare secret").isEqualTo(1);
        assertThat(SsoSites.parse(" , ").enabled()).isFalse();
    }
}
