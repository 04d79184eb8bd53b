package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The widget's JS and CSS, as the server serves them, fit in 12 KB gzipped. No browser needed. */
class SizeBudgetTest {
    static final int BUDGET_BYTES = 12 * 1024;

    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @Test
    void embedScriptAndStylesFitInTwelveKilobytesGzipped() {
        Api api = new Api(app.baseUrl());
        int total = 0;
        for (String path : new String[] {"/embed.js", "/embed.css"}) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
            byte[] served = response.body().getBytes(StandardCharsets.UTF_8);
            int gzipped = gzip(served).length;
            System.out.printf("%s: %d bytes, %d gzipped%n", path, served.length, gzipped);
            total += gzipped;
        }
        System.out.printf("widget total: %d bytes gzipped of a %d byte budget%n", total, BUDGET_BYTES);
        assertThat(total).isLessThanOrEqualTo(BUDGET_BYTES);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
