package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget's JS and CSS fit in 12 KB gzipped, measured as the server sends them to a browser
 * that accepts gzip (compacted and compressed: see WidgetFiles). No browser needed.
 */
class SizeBudgetTest {
    static final int BUDGET_BYTES = 12 * 1024;

    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @Test
    void embedScriptAndStylesFitInTwelveKilobytesGzipped() {
        int total = 0;
        for (String path : new String[] {"/embed.js", "/embed.css"}) {
            HttpResponse<byte[]> response = Http.sendForBytes(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                    .header("Accept-Encoding", "gzip, deflate, br"));
            assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            int sent = response.body().length;
            System.out.printf("%s: %d bytes sent gzipped%n", path, sent);
            total += sent;
        }
        System.out.printf("widget total: %d bytes gzipped of a %d byte budget%n", total, BUDGET_BYTES);
        assertThat(total).isLessThanOrEqualTo(BUDGET_BYTES);
    }
}
