package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Importing each format from the command line into a node's database (no node running), then
 * reading the threads back from a node over REST: pages become threads, replies keep their
 * parents (or the nearest one kept), dates and names are kept, and what was skipped is counted.
 */
class ImportTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("PARLEY_DATA_DIR", dir.resolve("data").toString());
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(Format.DISQUS, Map.of(
                        "/posts/hello", List.of("Alice", "Борис > Alice", "Mallory > Борис", "Dave > Alice", "Anonymous"),
                        "/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/", List.of("Zoë 🦊", "Grace", "Frank > Grace")),
                        "2020-01-01T10:00:00.000Z", Map.of("deleted", 2, "spam", 1), 1, 1, 0),
                Arguments.of(Format.WORDPRESS, Map.of(
                        "/2020/01/hello-world/", List.of("Ann", "たろう > Ann", "Ben > Ann", "Anonymous", "Cleo > たろう"),
                        "/", List.of("Dan", "Eve")),
                        "2020-01-01T10:00:00.000Z", Map.of("deleted", 1, "spam", 1, "unapproved", 1, "not a comment", 2),
                        1, 1, 1),
                Arguments.of(Format.REMARK42, Map.of(
                        "/post/1", List.of("Gopher", "Ёжик > Gopher", "Hana > Gopher", "Gopher > Ёжик"),
                        "/post/2", List.of("Ivan")),
                        "2021-05-01T07:00:00.123Z", Map.of("deleted", 1), 0, 1, 0),
                Arguments.of(Format.ISSO, Map.of(
                        "/isso/post-1/", List.of("Ida", "Anonymous > Ida", "Ünal > Ida", "Ida > Anonymous"),
                        "/isso/%C3%BCber/", List.of("Zoë")),
                        "2020-09-13T12:26:40.500Z", Map.of("deleted", 1, "unapproved", 1), 1, 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void importsPagesAsThreadsWithNestingDatesAuthorsAndSkippedCounts(Format format, Map<String, List<String>> threads,
            String firstCreatedAt, Map<String, Integer> skipped, int renamed, int reparented, int warnings) {
        Samples.Run run = Samples.cli(env(), "import", "--format", format.wire(), Samples.of(format, dir).toString());
        assertThat(run.exit()).as(run.err()).isZero();
        int total = threads.values().stream().mapToInt(List::size).sum();
        assertThat(run.out()).contains("imported " + total + " comments into " + threads.size() + " threads")
                .contains("names replaced: " + renamed).contains("attached higher up (their parent was skipped): " + reparented);
        skipped.forEach((reason, count) -> assertThat(run.out()).contains("skipped, " + reason + ": " + count));
        assertThat(run.out().lines().filter(l -> l.contains("skipped,")).count()).isEqualTo(skipped.size());
        assertThat(run.out().lines().filter(l -> l.contains("warning:")).count()).isEqualTo(warnings);

        try (TestApp app = TestApp.start(env())) {
            threads.forEach((thread, expected) -> {
                List<JsonObject> comments = Samples.thread(app, thread);
                assertThat(comments).extracting(c -> c.getString("author") + (c.getValue("parent") == null ? ""
                        : " > " + Samples.authorOf(comments, c.getLong("parent")))).as(thread).isEqualTo(expected);
                assertThat(comments).extracting(c -> c.getLong("seq")).as("gap-free seqs in createdAt order")
                        .containsExactly(java.util.stream.LongStream.rangeClosed(1, expected.size()).boxed().toArray(Long[]::new));
                comments.forEach(c -> assertSafe(c.getString("html")));
            });
            assertThat(threads.keySet().stream().flatMap(t -> Samples.thread(app, t).stream())
                    .map(c -> c.getString("createdAt"))).as("the source's own dates").contains(firstCreatedAt);
        }
    }

    /** No script, no event attribute, no link but http, https and mailto: what the sanitiser guarantees. */
    static void assertSafe(String html) {
        assertThat(html).isNotBlank().doesNotContainIgnoringCase("<script");
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parseBodyFragment(html);
        for (org.jsoup.nodes.Element e : doc.body().getAllElements()) {
            e.attributes().forEach(a -> assertThat(a.getKey()).as(html).doesNotStartWithIgnoringCase("on"));
        }
        doc.select("a").forEach(a -> assertThat(a.attr("href")).as(html).matches("(?i)(https?|mailto):.*"));
    }

    @Test
    void convertsTheSourceHtmlToMarkdownThatRendersSafely() {
        assertThat(Samples.cli(env(), "import", "--format", "disqus", Samples.of(Format.DISQUS, dir).toString()).exit())
                .isZero();
        try (TestApp app = TestApp.start(env())) {
            List<JsonObject> hello = Samples.thread(app, "/posts/hello");
            assertThat(hello.get(0).getString("body"))
                    .isEqualTo("First **bold** comment, with a [link](https://example.org/a_b).");
            assertThat(hello.get(0).getString("html")).isEqualTo("<p>First <strong>bold</strong> comment, with a"
                    + " <a href=\"https://example.org/a_b\" rel=\"nofollow ugc noopener\">link</a>.</p>");
            assertThat(hello.get(2).getString("body")).isEqualTo("Look here a picture and [this](https://ok.example/a%28b%29)");
        }
    }

    @Test
    void importingTheSameFileAgainAddsNothing() {
        Path file = Samples.of(Format.WORDPRESS, dir);
        assertThat(Samples.cli(env(), "import", "--format", "wordpress", file.toString()).exit()).isZero();
        Samples.Run again = Samples.cli(env(), "import", "--format", "wordpress", file.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("imported 0 comments into 0 threads").contains("already imported before: 7");
        try (TestApp app = TestApp.start(env())) {
            assertThat(Samples.thread(app, "/2020/01/hello-world/")).hasSize(5);
            assertThat(Samples.thread(app, "/")).hasSize(2);
        }
    }

    @Test
    void aDryRunPrintsWhatItWouldDoAndWritesNothing() {
        Samples.Run run = Samples.cli(env(), "import", "--format", "remark42", "--dry-run",
                Samples.of(Format.REMARK42, dir).toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("dry run, nothing written: would import 5 comments into 2 threads")
                .contains("skipped, deleted: 1").contains("not compared with the database");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aDocumentWithAnExternalEntityIsRefusedAndNothingIsRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path evil = Files.writeString(dir.resolve("evil.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE disqus [<!ENTITY xxe SYSTEM "%s">]>
                <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
                  <thread dsq:id="1"><link>https://x.example/p</link><isDeleted>false</isDeleted></thread>
                  <post dsq:id="2"><message>&xxe;</message><createdAt>2020-01-01T00:00:00Z</createdAt>
                    <isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>X</name></author>
                    <thread dsq:id="1"/></post>
                </disqus>
                """.formatted(secret.toUri()));
        Samples.Run run = Samples.cli(env(), "import", "--format", "disqus", evil.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("DTD").doesNotContain("TOP-SECRET").hasLineCount(1);
        assertThat(run.out()).doesNotContain("TOP-SECRET");
    }

    @Test
    void aBrokenFileFailsWithOneLineSayingWhere() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<disqus xmlns=\"http://disqus.com\">\n<thread dsq:id=1/>");
        Samples.Run run = Samples.cli(env(), "import", "--format", "disqus", broken.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("parley import: not a readable Disqus export: line 2").hasLineCount(1);
    }

    @Test
    void badArgumentsExitWithUsage() {
        assertThat(Samples.cli(env(), "import", "--format", "blogger", "x").exit()).isEqualTo(2);
        assertThat(Samples.cli(env(), "import", "--format", "isso", "--site", "no spaces", "x").err())
                .contains("site must be");
        assertThat(Samples.cli(env(), "import", "x").err()).contains("--format is required");
        assertThat(Samples.cli(env(), "import", "--format", "isso", "--frobnicate", "x").err())
                .contains("unknown option '--frobnicate'");
    }
}
