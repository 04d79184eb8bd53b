package dev.parley.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.parley.protocol.Comment;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedWriterTest {
    private final FeedWriter writer = new FeedWriter("comments.example.com");

    private static FeedStore.Entry entry(String author, String html) {
        return new FeedStore.Entry(new Comment(7, "/t", 1, null, author, "body", html, Instant.parse("2026-01-02T03:04:05Z"),
                null, false, false, null, false, null), "https://blog.example.com/p?a=1&b=2");
    }

    private static SyndFeed parse(byte[] xml) throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(xml)));
    }

    @Test
    void charactersXmlCannotCarryAreDroppedSoTheDocumentStaysValid() throws Exception {
        List<FeedStore.Entry> entries = List.of(entry("A\u0001da\uD800", "<p>x\u0000y\u001B\uFFFEz \uD83D\uDE00</p>"));
        FeedWriter.Head head = new FeedWriter.Head("Comments \u0007", "https://comments.example.com/feed/site.atom",
                null, "https://comments.example.com/feed/site.atom");
        for (byte[] xml : List.of(writer.atom(head, entries), writer.rss(head, "https://comments.example.com/", entries))) {
            SyndFeed feed = parse(xml);
            assertThat(feed.getEntries().get(0).getAuthor()).isEqualTo("Ada");
            assertThat(feed.getEntries().get(0).getLink()).isEqualTo("https://blog.example.com/p?a=1&b=2#parley-7");
        }
    }

    @Test
    void entriesHaveStableTagIdsAndDates() throws Exception {
        SyndFeed feed = parse(writer.atom(new FeedWriter.Head("t", null, null, "tag:parley,2025:site"),
                List.of(entry("Ada", "<p>x</p>"))));
        assertThat(feed.getEntries().get(0).getUri()).isEqualTo("tag:comments.example.com,2025:comment:7");
        assertThat(feed.getEntries().get(0).getPublishedDate().toInstant()).isEqualTo("2026-01-02T03:04:05Z");
    }
}
