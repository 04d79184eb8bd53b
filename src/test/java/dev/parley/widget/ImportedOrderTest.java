package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Comments imported into a thread that already has newer ones take later seqs but keep their own
 * dates: the widget's newest and oldest orders follow the dates.
 */
@ExtendWith(Browser.Required.class)
class ImportedOrderTest {
    private static final String OLD = """
            <?xml version="1.0" encoding="utf-8"?>
            <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
              <thread dsq:id="1"><link>https://blog.example/imported</link><isDeleted>false</isDeleted></thread>
              <post dsq:id="11"><message><![CDATA[<p>Written in 2015</p>]]></message>
                <createdAt>2015-03-01T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
                <author><name>Old Timer</name><username>old</username></author><thread dsq:id="1"/></post>
              <post dsq:id="12"><message><![CDATA[<p>Written in 2018</p>]]></message>
                <createdAt>2018-03-01T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
                <author><name>Old Timer</name><username>old</username></author><thread dsq:id="1"/></post>
            </disqus>
            """;

    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        stage.api().post("/imported", null, "Ann", "Written today");
        var answer = Http.send(HttpRequest.newBuilder(URI.create(stage.app.baseUrl() + "/api/v1/admin/import?format=disqus"))
                .header("Authorization", "Bearer " + Api.MODERATOR_TOKEN).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(OLD, StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void newestFirstAndOldestFirstGoByTheDatesCommentsWereWritten() {
        Widget newest = stage.open(java.util.Map.of("thread", "/imported"));
        newest.awaitComment("Written in 2015", Widget.PATIENCE);
        assertThat(newest.bodies()).containsExactly("Written today", "Written in 2018", "Written in 2015");

        Widget oldest = stage.open(java.util.Map.of("thread", "/imported", "order", "oldest"));
        oldest.awaitComment("Written in 2015", Widget.PATIENCE);
        assertThat(oldest.bodies()).containsExactly("Written in 2015", "Written in 2018", "Written today");
    }
}
