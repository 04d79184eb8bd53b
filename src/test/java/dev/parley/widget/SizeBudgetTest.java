package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.web.WidgetFiles;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget's first load, embed.js and embed.css (all a page with default options gets: see
 * PartsTest), fits in 12 KB gzipped, each optional part in 6 KB on its own, and count.js in 2 KB, measured as the
 * server sends them to a browser that accepts gzip (compacted and compressed: see WidgetFiles). It
 * prints the size table of docs/widget.md. No browser needed.
 */
class SizeBudgetTest {
    static final int FIRST_LOAD_BUDGET_BYTES = 12 * 1024;
    static final int PART_BUDGET_BYTES = 6 * 1024;
    /** count.js is on every index page, apart from the widget: small, with its own language table. */
    static final int COUNT_BUDGET_BYTES = 2 * 1024;

    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @Test
    void theFirstLoadFitsInTwelveKilobytesEachPartInSixAndCountJsInTwoGzipped() {
        System.out.println("| file | served | gzipped, as sent | budget |");
        System.out.println("|---|---|---|---|");
        int served = 0;
        int firstLoad = 0;
        for (String path : List.of("/embed.js", "/embed.css")) {
            int plain = sent(path, false);
            int gzipped = sent(path, true);
            System.out.printf("| `%s` | %,d | %,d | |%n", path, plain, gzipped);
            served += plain;
            firstLoad += gzipped;
        }
        System.out.printf("| first load | %,d | **%,d** | %,d |%n", served, firstLoad, FIRST_LOAD_BUDGET_BYTES);

        List<String> parts = WidgetFiles.partPaths();
        assertThat(parts).isNotEmpty();
        for (String path : parts) {
            int gzipped = sent(path, true);
            System.out.printf("| `%s` | %,d | %,d | %,d |%n", path, sent(path, false), gzipped, PART_BUDGET_BYTES);
            assertThat(gzipped).as(path).isLessThanOrEqualTo(PART_BUDGET_BYTES);
        }
        int count = sent("/count.js", true);
        System.out.printf("| `/count.js` (index pages) | %,d | %,d | %,d |%n", sent("/count.js", false), count, COUNT_BUDGET_BYTES);
        assertThat(count).as("count.js").isLessThanOrEqualTo(COUNT_BUDGET_BYTES);
        assertThat(firstLoad).as("embed.js + embed.css").isLessThanOrEqualTo(FIRST_LOAD_BUDGET_BYTES);
    }

    /** The bytes that arrive for a GET of the path, from a browser that takes gzip or one that does not. */
    private static int sent(String path, boolean gzip) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path));
        if (gzip) {
            request.header("Accept-Encoding", "gzip, deflate, br");
        }
        HttpResponse<byte[]> response = Http.sendForBytes(request);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).as(path)
                .isEqualTo(gzip ? Optional.of("gzip") : Optional.empty());
        return response.body().length;
    }
}
