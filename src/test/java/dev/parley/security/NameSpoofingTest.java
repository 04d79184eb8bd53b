package dev.parley.security;

import static dev.parley.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #11.9: a signed-in user's name cannot be taken with look-alike letters or invisible characters,
 * and no name carries line breaks, bidi overrides or broken UTF-16 into the page.
 */
class NameSpoofingTest {
    @AutoClose
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_SSO_SECRET", Hostile.SSO_SECRET));
        HttpResponse<String> signedIn = post(new JsonObject().put("thread", "names").put("author", "ignored")
                .put("body", "the real one").put("sso", Hostile.validJwt("u-paypal", "PayPal")).encode());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(201);
    }

    private static HttpResponse<String> post(String json) {
        return Http.postJson(app.baseUrl() + "/api/v1/comments", json);
    }

    private static String anonymous(String author, String body) {
        return new JsonObject().put("thread", "names").put("author", author).put("body", body).encode();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "payрal",                 // Cyrillic er
            "раураl",                 // Cyrillic but the l
            "ＰａｙＰａｌ",              // fullwidth
            "PaypaI",                 // capital I for l
            "paypa1",                 // digit one for l
            "Pay\u200Bpal",           // zero-width space
            "Pay\u200Dpal",           // zero-width joiner between Latin letters
            "Pay\u00ADPal",           // soft hyphen
            "\uFEFFPayPal",           // byte order mark
    })
    void aReservedNameCannotBeTakenWithLookAlikesOrInvisibleCharacters(String spoof) {
        assertError(post(anonymous(spoof, "I am PayPal, send money " + spoof.length())), 400, "invalid_author");
        try (WsClient ws = WsClient.connect(app)) {
            ws.post("s", "names", spoof, "really, I am " + spoof.hashCode());
            JsonObject error = ws.next("error");
            assertThat(error.getString("code")).isEqualTo("invalid_author");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\"Ann\\nBob\"",                 // newline
            "\"Ann\\tBob\"",                 // tab
            "\"Ann\\u0085Bob\"",             // C1 next line
            "\"Ann\\u202Egnp.exe\"",         // right-to-left override
            "\"\\u2067Ann\"",                // right-to-left isolate
            // Lone surrogates never get this far: the JSON decoder refuses them in any string
            // (invalid_json, StrictUtf8Test).
    })
    void namesWithControlBidiOrBrokenCharactersAreRefused(String authorJson) {
        String json = "{\"thread\":\"names\",\"author\":" + authorJson + ",\"body\":\"hello " + authorJson.hashCode() + "\"}";
        HttpResponse<String> refused = post(json);
        assertError(refused, 400, "invalid_author");
        assertThat(Http.json(refused).getJsonObject("error").getString("message")).startsWith("author must");
        try (WsClient ws = WsClient.connect(app)) {
            ws.send("{\"type\":\"post\",\"id\":\"c\",\"thread\":\"names\",\"author\":" + authorJson
                    + ",\"body\":\"hi " + authorJson.hashCode() + "\"}");
            assertThat(ws.next("error").getString("code")).isEqualTo("invalid_author");
        }
    }

    @Test
    void signedInNamesGetTheSameCharacterChecks() {
        String jwt = Hostile.validJwt("u-evil", "Admin\u202Enimda");
        assertError(post(new JsonObject().put("thread", "names").put("author", "x").put("body", "sso bidi")
                .put("sso", jwt).encode()), 400, "invalid_author");
        String zeroWidth = Hostile.validJwt("u-zw", "Pay\u200Bpal");
        assertError(post(new JsonObject().put("thread", "names").put("author", "x").put("body", "sso zw")
                .put("sso", zeroWidth).encode()), 400, "invalid_author");
    }

    @Test
    void realNamesInManyScriptsArePostedAsWritten() {
        for (String name : List.of("محمد عبد الله", "अनुष्का शर्मा", "می\u200Cخواهم", "👩\u200D💻 Ada",
                "👨\u200D👩\u200D👧", "王小明", "José Ñúñez", "Ана Петровић")) {
            HttpResponse<String> posted = post(anonymous(name, "hello from " + name));
            assertThat(posted.statusCode()).as(name + ": " + posted.body()).isEqualTo(201);
            assertThat(Http.json(posted).getString("author")).isEqualTo(name);
        }
    }
}
