package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** data-site on embed.js's div and on count.js: the page reads, posts and counts on its own site. */
@ExtendWith(Browser.Required.class)
class SiteWidgetTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        JsonObject site = new JsonObject().put("allowedOrigins", new JsonArray().add(stage.site.origin()));
        assertThat(Http.send(HttpRequest.newBuilder(URI.create(stage.app.baseUrl() + "/api/v1/admin/sites/alpha"))
                .header("Authorization", "Bearer " + Api.MODERATOR_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(site.encode()))).statusCode()).isEqualTo(200);
        stage.api().post("/shared", null, "Dee", "on the default site");
        post("alpha", "/shared", "Ann", "on alpha");
    }

    @Test
    void aWidgetOnASiteShowsAndPostsThatSitesThread() {
        Widget reader = stage.open(Map.of("thread", "/shared", "site", "alpha"));
        assertThat(reader.bodies()).containsExactly("on alpha");

        reader.post("Bob", "posted from alpha's page");
        reader.awaitComment("posted from alpha's page", Widget.PATIENCE);
        assertThat(bodies("?site=alpha&thread=/shared")).containsExactly("on alpha", "posted from alpha's page");
        assertThat(bodies("?thread=/shared")).containsExactly("on the default site");

        post("alpha", "/shared", "Cy", "live on alpha");
        stage.api().post("/shared", null, "Dee", "live on the default site");
        reader.awaitComment("live on alpha", Duration.ofSeconds(5));
        assertThat(reader.bodies()).doesNotContain("live on the default site", "on the default site");
    }

    @Test
    void countsOnASiteAreThatSitesCounts() {
        stage.browser.driver.get(stage.site.countsPage("<a id=\"shared\" href=\"/shared\" data-parley-count>Comments</a>",
                Map.of("site", "alpha")));
        new WebDriverWait(stage.browser.driver, Widget.PATIENCE, Duration.ofMillis(50)).until(d -> ((JavascriptExecutor) d)
                .executeScript("return document.getElementById('shared').textContent;").toString().endsWith("comments"));
        String shown = ((JavascriptExecutor) stage.browser.driver)
                .executeScript("return document.getElementById('shared').textContent;").toString();
        assertThat(shown).isEqualTo(bodies("?site=alpha&thread=/shared").size() + " comments");
    }

    private static void post(String site, String thread, String author, String body) {
        JsonObject comment = new JsonObject().put("thread", thread).put("author", author).put("body", body);
        assertThat(Http.postJson(stage.app.baseUrl() + "/api/v1/comments?site=" + site, comment.encode()).statusCode())
                .isEqualTo(201);
    }

    private static java.util.List<String> bodies(String query) {
        return Http.json(Http.get(stage.app.baseUrl() + "/api/v1/comments" + query)).getJsonArray("comments").stream()
                .map(c -> ((JsonObject) c).getString("body")).toList();
    }
}
