package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Http;
import dev.parley.TestApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget's files over real HTTP (compressed when asked, the same text either way, revalidated by
 * tag), and how each is joined from its declared sources.
 */
class WidgetFilesTest {
    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @Test
    void gzipWhenTheBrowserTakesItAndTheSameTextWhenItDoesNot() throws IOException {
        List<String> paths = new ArrayList<>(List.of("/embed.js", "/embed.css", "/count.js"));
        paths.addAll(WidgetFiles.partPaths());
        assertThat(paths).contains("/widget/lang-zh.js");
        for (String path : paths) {
            HttpResponse<byte[]> plain = get(path);
            HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "gzip, deflate, br, zstd");

            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
            assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            assertThat(gunzip(gzipped.body())).as(path).isEqualTo(plain.body());
            assertThat(gzipped.body().length).as(path).isLessThan(plain.body().length);
            for (HttpResponse<byte[]> answer : List.of(plain, gzipped)) {
                assertThat(answer.headers().firstValue("Vary")).hasValue("Accept-Encoding");
                assertThat(answer.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"[\\w-]{22}\""));
                assertThat(answer.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            }
        }
        assertThat(get("/embed.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/widget/lang-zh.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/embed.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(new String(get("/embed.js").body(), StandardCharsets.UTF_8))
                .as("comments are not sent").doesNotContain("\n//")
                .as("the core's files inside one strict function").startsWith("(() => {\n'use strict';\n").endsWith("})();\n");
    }

    @Test
    void aPartThatIsNotDeclaredIsNotFound() {
        assertThat(get("/widget/lang-xx.js").statusCode()).isEqualTo(404);
        assertThat(get("/widget/").statusCode()).isEqualTo(404);
    }

    @Test
    void aRefusedOrUnknownCodingGetsThePlainFile() {
        assertThat(get("/embed.js", "Accept-Encoding", "gzip;q=0, br").headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(get("/embed.js", "Accept-Encoding", "identity").headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(get("/embed.js", "Accept-Encoding", "*").headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(get("/embed.js", "Accept-Encoding", "GZIP;q=0.5").headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void aBrowserHoldingTheFileGets304WithoutIt() {
        String tag = get("/embed.js").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = get("/embed.js", "If-None-Match", tag, "Accept-Encoding", "gzip");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(tag);
        assertThat(get("/embed.js", "If-None-Match", "\"other\", W/" + tag).statusCode()).isEqualTo(304);
        assertThat(get("/embed.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(get("/embed.css", "If-None-Match", tag).statusCode()).as("another file's tag").isEqualTo(200);
    }

    @Test
    void headAnswersTheLengthWithoutTheBody() {
        HttpResponse<byte[]> full = get("/embed.js", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> head = Http.sendForBytes(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/embed.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", "gzip"));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(full.body().length));
    }

    @Test
    void aScriptIsItsFilesCompactedInTheDeclaredOrderInsideOneStrictFunction() {
        Map<String, String> sources = Map.of("w/a.js", "// a\n  a();\n", "w/b.js", "b();\n", "w/c.js", "  c();\n");

        assertThat(WidgetBundle.script("/x.js", "w", "a", "b", "c").join(sources::get))
                .isEqualTo("(() => {\n'use strict';\na();\nb();\nc();\n})();\n");
        assertThat(WidgetBundle.script("/x.js", "w", "c", "a", "b").join(sources::get))
                .isEqualTo("(() => {\n'use strict';\nc();\na();\nb();\n})();\n");
        assertThat(WidgetBundle.file("/x.css", WidgetBundle.CSS, "w/a.js").join(sources::get)).isEqualTo("a();\n");
    }

    @Test
    void aMissingSourceStopsTheStartNamingIt() {
        List<WidgetBundle> bundles = List.of(WidgetBundle.script("/count.js", "webroot", "count", "nowhere"));

        assertThatThrownBy(() -> WidgetFiles.load(bundles, WidgetFiles::resource))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("webroot/nowhere.js");
    }

    @Test
    void aPathDeclaredTwiceStopsTheStart() {
        List<WidgetBundle> bundles = List.of(WidgetBundle.part("p", "a"), WidgetBundle.part("p", "b"));

        assertThatThrownBy(() -> WidgetFiles.load(bundles, name -> "x();\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/widget/p.js is declared twice");
    }

    @Test
    void theTagOfAFileChangesWhenAnyOfItsSourcesChangesAndOnlyThen() {
        Map<String, String> sources = new HashMap<>(Map.of("w/a.js", "a();\n", "w/b.js", "b();\n", "p/p.js", "p();\n"));
        List<WidgetBundle> bundles = List.of(
                WidgetBundle.script("/embed.js", "w", "a", "b"), WidgetBundle.script("/widget/p.js", "p", "p"));
        WidgetFiles before = WidgetFiles.load(bundles, sources::get);

        sources.put("w/b.js", "// only a comment is new\nb();\n");
        WidgetFiles commented = WidgetFiles.load(bundles, sources::get);
        sources.put("w/b.js", "b(2);\n");
        WidgetFiles changed = WidgetFiles.load(bundles, sources::get);

        assertThat(commented.etag("/embed.js")).as("the same bytes served").isEqualTo(before.etag("/embed.js"));
        assertThat(changed.etag("/embed.js")).isNotEqualTo(before.etag("/embed.js"));
        assertThat(changed.etag("/widget/p.js")).as("another file").isEqualTo(before.etag("/widget/p.js"));
    }

    private static HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.sendForBytes(request);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
