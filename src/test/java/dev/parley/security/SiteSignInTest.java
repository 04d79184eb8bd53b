package dev.parley.security;

import static dev.parley.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Parley site trusts only the sign-in secret named after it: another site's users are not its users. */
class SiteSignInTest {
    private static final String ALPHA_SECRET = "alpha-sign-in-secret-0123456789abcdef";
    private static final String BETA_SECRET = "beta-sign-in-secret-0123456789abcdefg";
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", Hostile.ADMIN,
                "PARLEY_SSO_SECRET", "alpha=" + ALPHA_SECRET + ",beta=" + BETA_SECRET));
        for (String site : new String[] {"alpha", "beta"}) {
            assertThat(Hostile.request("PUT", app.baseUrl() + "/api/v1/admin/sites/" + site, "{\"allowedOrigins\":[]}",
                    "Authorization", Hostile.bearer(Hostile.ADMIN)).statusCode()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aUserSignedInByOneSiteCannotPostAsThemOnAnother() {
        String alphaUser = jwt("u-1", "Ada", ALPHA_SECRET);
        HttpResponse<String> onAlpha = post("alpha", alphaUser);
        assertThat(onAlpha.statusCode()).as(onAlpha.body()).isEqualTo(201);
        assertThat(Http.json(onAlpha).getBoolean("verified")).isTrue();
        assertThat(Http.json(onAlpha).getString("author")).isEqualTo("Ada");

        assertError(post("beta", alphaUser), 401, "unauthorized");
        assertThat(post("beta", jwt("u-1", "Beta's Ada", BETA_SECRET)).statusCode()).isEqualTo(201);
        // The default site takes every secret, as before sites existed.
        assertThat(post(null, alphaUser).statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> post(String site, String sso) {
        return Http.postJson(app.baseUrl() + "/api/v1/comments" + (site == null ? "" : "?site=" + site),
                new JsonObject().put("thread", "/signed").put("author", "typed").put("body", "hello").put("sso", sso)
                        .encode());
    }

    private static String jwt(String sub, String name, String secret) {
        long exp = System.currentTimeMillis() / 1000 + 600;
        return Hostile.jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                new JsonObject().put("sub", sub).put("name", name).put("exp", exp).encode(), secret);
    }
}
