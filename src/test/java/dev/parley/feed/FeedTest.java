package dev.parley.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Atom and RSS feeds read back with a real feed parser (ROME). */
class FeedTest {
    static final String PAGE = "https://blog.example.com/posts/hello";
    static final Map<String, String> SETTINGS = Map.of("PARLEY_PUBLIC_URL", "https://comments.example.com",
            "PARLEY_ALLOWED_ORIGINS", "https://blog.example.com,http://127.0.0.1:*");

    static long post(TestApp app, String thread, String author, String body, String url) {
        JsonObject post = new JsonObject().put("thread", thread).put("author", author).put("body", body);
        if (url != null) {
            post.put("url", url);
        }
        HttpResponse<String> answer = Http.postJson(app.baseUrl() + "/api/v1/comments", post.encode());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return Http.json(answer).getLong("id");
    }

    static SyndFeed read(TestApp app, String path, String mediaType) {
        HttpResponse<String> response = Http.get(app.baseUrl() + path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(mediaType);
        try {
            return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(
                    response.body().getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not a feed: " + response.body(), e);
        }
    }

    static String content(SyndEntry entry) {
        return entry.getContents().isEmpty() ? entry.getDescription().getValue() : entry.getContents().get(0).getValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void aThreadsFeedListsItsNewestCommentsFirstWithTheirPermalinks(String format) {
        try (TestApp app = TestApp.start(SETTINGS)) {
            long first = post(app, "/posts/hello", "Ada", "First **comment**", PAGE + "#comments");
            long second = post(app, "/posts/hello", "Bob", "Second", PAGE);
            post(app, "/elsewhere", "Eve", "Not in this thread", null);

            SyndFeed feed = read(app, "/feed/thread." + format + "?thread=/posts/hello",
                    format.equals("atom") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
            List<SyndEntry> entries = feed.getEntries();
            assertThat(entries).extracting(SyndEntry::getLink)
                    .containsExactly(PAGE + "#parley-" + second, PAGE + "#parley-" + first);
            assertThat(entries).extracting(SyndEntry::getAuthor).containsExactly("Bob", "Ada");
            assertThat(content(entries.get(1))).isEqualTo("<p>First <strong>comment</strong></p>");
            String page = format.equals("rss") ? feed.getLink() : feed.getLinks().stream()
                    .filter(l -> "alternate".equals(l.getRel())).findFirst().orElseThrow().getHref();
            assertThat(page).isEqualTo(PAGE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void hostileContentStaysEscapedAndTheFeedValid(String format) {
        try (TestApp app = TestApp.start(SETTINGS)) {
            post(app, "/t", "<Mal & \"lory\">", "<script>alert(1)</script> ]]> &amp; <img src=x onerror=alert(2)>"
                    + " \uD83D\uDE00 <![CDATA[x]]>", PAGE);
            SyndFeed feed = read(app, "/feed/thread." + format + "?thread=/t",
                    format.equals("atom") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
            SyndEntry entry = feed.getEntries().get(0);
            assertThat(entry.getAuthor()).isEqualTo("<Mal & \"lory\">");
            String html = content(entry);
            // One level of escaping is the feed's: what is left is the comment's sanitised HTML, where
            // the hostile parts are text, not markup.
            assertThat(html).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;")
                    .contains("\uD83D\uDE00").contains("]]&gt;");
        }
    }

    @Test
    void aNewCommentAppearsOnceItsThreadsEventDroppedTheCachedFeed() {
        try (TestApp app = TestApp.start(SETTINGS)) {
            post(app, "/t", "Ada", "one", PAGE);
            assertThat(read(app, "/feed/thread.atom?thread=/t", "application/atom+xml; charset=utf-8").getEntries()).hasSize(1);
            assertThat(read(app, "/feed/site.rss", "application/rss+xml; charset=utf-8").getEntries()).hasSize(1);
            post(app, "/t", "Bob", "two", PAGE);
            assertThat(read(app, "/feed/thread.atom?thread=/t", "application/atom+xml; charset=utf-8").getEntries())
                    .extracting(SyndEntry::getAuthor).containsExactly("Bob", "Ada");
            assertThat(read(app, "/feed/site.rss", "application/rss+xml; charset=utf-8").getEntries()).hasSize(2);
        }
    }

    @Test
    void theSiteFeedListsTheNewestCommentsOfEveryThreadButNoDeletedOnes() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", "moderator-token-for-tests"))) {
            post(app, "/a", "Ada", "in a", null);
            long gone = post(app, "/b", "Bob", "in b, then deleted", null);
            post(app, "/c", "Cy", "in c", null);
            Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + "/api/v1/comments/" + gone))
                    .header("Authorization", "Bearer moderator-token-for-tests").DELETE());
            SyndFeed feed = read(app, "/feed/site.atom", "application/atom+xml; charset=utf-8");
            assertThat(feed.getEntries()).extracting(SyndEntry::getAuthor).containsExactly("Cy", "Ada");
            assertThat(feed.getEntries()).allSatisfy(e -> assertThat(e.getLink()).isNull());
        }
    }

    @Test
    void eachSiteHasItsOwnFeedsAndLinksOnlyItsOwnPages() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", "moderator-token-for-tests",
                "PARLEY_PUBLIC_URL", "https://comments.example.com"))) {
            assertThat(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl()
                    + "/api/v1/admin/sites/docs")).header("Authorization", "Bearer moderator-token-for-tests")
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"allowedOrigins\":[\"https://docs.example.com\"]}")))
                    .statusCode()).isEqualTo(200);
            post(app, "/page", "Ada", "on the default site", null);
            JsonObject onDocs = new JsonObject().put("thread", "/page").put("author", "Bob").put("body", "on docs")
                    .put("url", "https://docs.example.com/page");
            assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments?site=docs", onDocs.encode()).statusCode()).isEqualTo(201);
            JsonObject foreignPage = onDocs.copy().put("body", "from a page of another site")
                    .put("url", "https://blog.example.com/page");
            assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments?site=docs&thread=/other",
                    foreignPage.put("thread", "/other").encode()).statusCode()).isEqualTo(201);

            SyndFeed docs = read(app, "/feed/site.atom?site=docs", "application/atom+xml; charset=utf-8");
            assertThat(docs.getEntries()).extracting(SyndEntry::getAuthor).containsExactly("Bob", "Bob");
            assertThat(read(app, "/feed/site.atom", "application/atom+xml; charset=utf-8").getEntries())
                    .extracting(SyndEntry::getAuthor).containsExactly("Ada");
            SyndFeed thread = read(app, "/feed/thread.rss?site=docs&thread=/page", "application/rss+xml; charset=utf-8");
            assertThat(thread.getEntries()).hasSize(1);
            assertThat(thread.getEntries().get(0).getLink()).startsWith("https://docs.example.com/page");
            assertThat(read(app, "/feed/thread.rss?site=docs&thread=/other", "application/rss+xml; charset=utf-8")
                    .getEntries().get(0).getLink()).as("an origin docs does not allow").isNull();
            Http.assertError(Http.get(app.baseUrl() + "/feed/site.atom?site=nowhere"), 404, "not_found");
        }
    }

    @Test
    void aPageFromAnOriginNotAllowedIsNotLinked() {
        try (TestApp app = TestApp.start(SETTINGS)) {
            post(app, "/t", "Mallory", "look", "https://evil.example.net/phish");
            assertThat(read(app, "/feed/thread.rss?thread=/t", "application/rss+xml; charset=utf-8").getEntries().get(0)
                    .getLink()).isNull();
        }
    }

    @Test
    void feedsAreRateLimitedLikeReads() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_READ_BURST", "3",
                "PARLEY_READ_EVERY", "1h"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(Http.get(app.baseUrl() + "/feed/site.atom").statusCode()).isEqualTo(200);
            }
            Http.assertError(Http.get(app.baseUrl() + "/feed/site.atom"), 429, "rate_limited");
        }
    }
}
