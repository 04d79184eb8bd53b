package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PagesTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void demoPagesAndWidgetAreServedWithSecurityHeaders() {
        for (String path : new String[] {"/", "/demo/two", "/embed.js", "/embed.css"}) {
            HttpResponse<String> page = Http.get(app.baseUrl() + path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'", "frame-ancestors 'self'", "object-src 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        }
        assertThat(Http.get(app.baseUrl() + "/").body()).contains("embed.js").doesNotContain("<script>");
        assertThat(Http.get(app.baseUrl() + "/embed.js").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void unknownPagesAnswer404InTheErrorShape() {
        HttpResponse<String> missing = Http.get(app.baseUrl() + "/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing).getJsonObject("error").getString("code")).isEqualTo("not_found");
    }
}
