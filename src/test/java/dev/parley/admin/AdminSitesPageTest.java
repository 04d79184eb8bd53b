package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.widget.Api;
import dev.parley.widget.Browser;
import dev.parley.widget.Stage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The moderation page on a server with several sites (docs/admin.md, "Sites"): a site's moderator
 * sees their site only; the server's admin picks a site or lists all, and filters and pages.
 */
@ExtendWith(Browser.Required.class)
class AdminSitesPageTest {
    private static final String ALPHA_MODERATOR = "alpha-moderator-token-for-the-page";
    @AutoClose static Stage stage;

    AdminPage admin;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        Http.send(HttpRequest.newBuilder(URI.create(stage.app.baseUrl() + "/api/v1/admin/sites/alpha"))
                .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("allowedOrigins", new JsonArray())
                        .put("moderatorToken", ALPHA_MODERATOR).encode()))
                .header("Authorization", "Bearer " + Api.MODERATOR_TOKEN).header("Content-Type", "application/json"));
        IntStream.rangeClosed(1, 23).forEach(i -> post(null, "/long", i % 2 == 0 ? "Even" : "Odd", "long thread comment " + i));
        post("alpha", "/same-path", "Ann", "alpha's comment");
        post(null, "/same-path", "Bob", "the default site's comment");
    }

    @BeforeEach
    void signedOut() {
        stage.browser.driver.get(stage.app.baseUrl() + "/admin");
        stage.browser.driver.executeScript("sessionStorage.clear();");
        admin = new AdminPage(stage.browser.driver, stage.app.baseUrl());
        stage.browser.driver.get(stage.app.baseUrl() + "/admin");
        admin.await("the sign-in form", () -> admin.displayed("#login"));
    }

    @Test
    void aSitesModeratorSeesOnlyTheirSiteAndNoSitePicker() {
        admin.signIn("alpha", ALPHA_MODERATOR);
        admin.await("signed in", () -> admin.displayed("#app"));
        admin.awaitCard("alpha's comment");
        assertThat(admin.cards()).extracting(AdminPage.Card::text).containsExactly("alpha's comment");
        assertThat(admin.displayed("#site-pick")).isFalse();
        assertThat(admin.displayed("#all-sites")).isFalse();

        admin.signOut();
        admin.signIn("", ALPHA_MODERATOR);
        admin.await("the refusal", () -> "That token was not accepted.".equals(admin.text("#login-error")));
    }

    @Test
    void theServersAdminSwitchesSitesAndListsAllOfThem() {
        admin.signIn("", Api.MODERATOR_TOKEN);
        admin.awaitCard("the default site's comment");
        assertThat(admin.texts()).doesNotContain("alpha's comment");
        assertThat(admin.js("return [...document.querySelectorAll('#site-pick option')].map(o => o.value);"))
                .isEqualTo(List.of("", "alpha"));

        admin.js("const s = document.querySelector('#site-pick'); s.value = 'alpha'; s.dispatchEvent(new Event('change'));");
        admin.await("alpha's comments", () -> admin.texts().equals(List.of("alpha's comment")));

        admin.js("document.querySelector('#all-sites').click();");
        admin.filter("/same-path", "", "");
        admin.await("both sites' comments on /same-path", () -> admin.texts().size() == 2);
        assertThat(admin.texts()).containsExactlyInAnyOrder("alpha's comment", "the default site's comment");
        assertThat(admin.js("return [...document.querySelectorAll('#list .site')].map(e => e.textContent).sort();"))
                .isEqualTo(List.of("alpha", "default"));
    }

    @Test
    void filtersByAuthorAndTextAndPagesThroughALongList() {
        admin.signIn("", Api.MODERATOR_TOKEN);
        admin.awaitCard("the default site's comment");

        admin.filter("/long", "", "");
        admin.await("the first page of /long", () -> !admin.texts().isEmpty()
                && admin.texts().getFirst().equals("long thread comment 23"));
        assertThat(admin.texts()).hasSize(20);
        admin.js("document.querySelector('#older').click();");
        admin.await("the second page", () -> admin.texts().equals(
                List.of("long thread comment 3", "long thread comment 2", "long thread comment 1")));
        assertThat(admin.js("return document.querySelector('#older').disabled;")).isEqualTo(true);
        admin.js("document.querySelector('#newer').click();");
        admin.await("back to the first page", () -> admin.texts().size() == 20);

        admin.filter("/long", "even", "comment 1");
        admin.await("Even's comments containing 'comment 1'", () -> admin.texts().equals(
                List.of("long thread comment 18", "long thread comment 16", "long thread comment 14",
                        "long thread comment 12", "long thread comment 10")));
    }

    private static void post(String site, String thread, String author, String body) {
        String query = site == null ? "" : "?site=" + site;
        assertThat(Http.postJson(stage.app.baseUrl() + "/api/v1/comments" + query,
                new JsonObject().put("thread", thread).put("author", author).put("body", body).encode()).statusCode())
                .isEqualTo(201);
    }
}
