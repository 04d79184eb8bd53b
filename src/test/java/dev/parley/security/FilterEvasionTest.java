package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * #11.8: the link limit, blocked words and blocked domains judge what readers see, not the
 * Markdown sent. Each row got past the checks of the raw body; each is refused now, over REST,
 * over WebSocket and as an edit.
 */
class FilterEvasionTest {
    @AutoClose
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));
        assertThat(request("PUT", app.baseUrl() + "/api/v1/admin/settings", "{\"premoderation\":false,"
                + "\"blockedWords\":[\"viagra\"],\"blockedDomains\":[\"evil.example\",\"bücher.example\"]}",
                "Authorization", bearer(ADMIN)).statusCode()).isEqualTo(200);
    }

    /** Six links (the limit is five), each written by {@code link}. */
    private static String six(IntFunction<String> link) {
        return IntStream.rangeClosed(1, 6).mapToObj(link).collect(Collectors.joining(" "));
    }

    static List<Object[]> evasions() {
        return List.of(
                new Object[] {"entity-encoded scheme", six(i -> "&#104;ttps://a" + i + ".example"), "too_many_links"},
                new Object[] {"entity-encoded colon in links", six(i -> "[a](https&#58;//a" + i + ".example)"), "too_many_links"},
                new Object[] {"escaped slashes in links", six(i -> "[a](http:\\/\\/a" + i + ".example)"), "too_many_links"},
                new Object[] {"reference links", six(i -> "[a][" + i + "]") + "\n\n"
                        + IntStream.rangeClosed(1, 6).mapToObj(i -> "[" + i + "]: http&#58;//r" + i + ".example\n")
                        .collect(Collectors.joining()), "too_many_links"},
                new Object[] {"e-mail autolinks", six(i -> "<m" + i + "@a.example>"), "too_many_links"},
                new Object[] {"fullwidth URL text", six(i -> "ｈｔｔｐｓ：／／ｗ" + i + "．ｅｘａｍｐｌｅ"), "too_many_links"},
                new Object[] {"URL split by emphasis", six(i -> "*http*://e" + i + ".example"), "too_many_links"},
                new Object[] {"bare www addresses (linked)", six(i -> "www.w" + i + ".example"), "too_many_links"},
                new Object[] {"user info before the host", "see https://ok.example@evil.example/x", "blocked_content"},
                new Object[] {"escaped slash in the user info", "[x](https://ok.example%2F@evil.example/)", "blocked_content"},
                new Object[] {"trailing dot", "see https://evil.example./x", "blocked_content"},
                new Object[] {"entity in the host", "[x](https://evil&#46;example/)", "blocked_content"},
                new Object[] {"percent-encoded host", "[x](https://%65vil.example/)", "blocked_content"},
                new Object[] {"fullwidth host", "[x](https://ｅｖｉｌ．ｅｘａｍｐｌｅ/)", "blocked_content"},
                new Object[] {"IDN in ASCII form", "[x](https://xn--bcher-kva.example/)", "blocked_content"},
                new Object[] {"reference link with escaped slashes", "[x][1]\n\n[1]: https:\\/\\/evil.example", "blocked_content"},
                new Object[] {"blocked host after a scheme without slashes", "[x](https:evil.example)", "blocked_content"},
                new Object[] {"entity inside a word", "cheap vi&#97;gra", "blocked_content"},
                new Object[] {"emphasis inside a word", "cheap vi*agra*", "blocked_content"},
                new Object[] {"code span inside a word", "cheap vi`agra`", "blocked_content"},
                new Object[] {"soft hyphen", "cheap vi\u00ADagra", "blocked_content"},
                new Object[] {"zero-width space", "cheap vi\u200Bagra", "blocked_content"},
                new Object[] {"fullwidth letters", "cheap ＶＩＡＧＲＡ", "blocked_content"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evasions")
    void evasionsAreRefusedOverRestWebSocketAndEdits(String why, String body, String code) {
        String thread = "evasion/" + Integer.toHexString(why.hashCode());
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments", Hostile.post(thread, body)), 400, code);
        try (WsClient ws = WsClient.connect(app)) {
            ws.post("p", thread, "Mallory", body);
            JsonObject error = ws.next("error");
            assertThat(error.getString("code")).as(error.encode()).isEqualTo(code);
        }
        JsonObject clean = Http.postCommentAnswer(app, thread, "Mallory", "nothing to see " + why);
        assertError(request("PATCH", app.baseUrl() + "/api/v1/comments/" + clean.getLong("id"),
                new JsonObject().put("body", body).encode(), "Authorization", bearer(clean.getString("authorToken"))),
                400, code);
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/threads?thread=" + thread)).getLong("count")).isEqualTo(1);
    }

    @Test
    void ordinaryLinksAndWordsStillPass() {
        List<String> fine = List.of(
                six(i -> "https://same.example/page") + " [and again](https://same.example/page)",
                IntStream.rangeClosed(1, 5).mapToObj(i -> "https://site" + i + ".example/").collect(Collectors.joining(" ")),
                "<https://docs.example/guide> is the same place as https://docs.example/guide.",
                six(i -> "www.same.example/page ") + "https://www.same.example/page",
                "viagrafalls is a place name; notevil.example and evil.example.org are other sites",
                "ratio 3.5 of 10.2, e.g. version 1.2.3");
        for (String body : fine) {
            HttpResponse<String> response = Http.postJson(app.baseUrl() + "/api/v1/comments", Hostile.post("fine", body));
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(201);
            assertThat(Http.json(response).getString("body")).isEqualTo(body);
        }
    }
}
