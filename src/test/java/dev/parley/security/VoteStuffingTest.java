package dev.parley.security;

import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static dev.parley.vote.Voting.vote;
import static dev.parley.vote.Voting.voted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import dev.parley.vote.Voting;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vote stuffing: fresh tokens from one address, floods, and votes a moderator takes back. Each
 * attack gets the protocol's error shape and changes no count.
 */
class VoteStuffingTest {
    private static final String XFF = "X-Forwarded-For";

    private static TestApp start(String... settings) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("PARLEY_TRUSTED_PROXIES", "127.0.0.1/32",
                "PARLEY_ADMIN_TOKEN", ADMIN));
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return TestApp.start(all);
    }

    @Test
    void freshTokensFromOneAddressCountOncePerComment() {
        try (TestApp app = start()) {
            long id = Http.postComment(app, "t", "Ann", "stuff me").getLong("id");
            voted(app, id, 1, null, XFF, "198.51.100.5");
            for (int i = 0; i < 5; i++) {
                Http.assertError(vote(app, id, 1, null, XFF, "198.51.100.5"), 409, "conflict");
            }
            assertThat(Voting.scores(app, "t", 0).get(id)).containsExactly(1, 0);
            voted(app, id, 1, null, XFF, "198.51.100.6"); // another address: another reader
            assertThat(Voting.scores(app, "t", 0).get(id)).containsExactly(2, 0);
        }
    }

    @Test
    void aReaderSeenBeforeTheTrustAgeAndASignedInReaderVoteBesideOthersAtTheirAddress() {
        try (TestApp app = start("PARLEY_VOTE_TRUST_AFTER", "1ms", "PARLEY_SSO_SECRET", Hostile.SSO_SECRET)) {
            long id = Http.postComment(app, "t", "Ann", "office thread").getLong("id");
            long other = Http.postComment(app, "t", "Ann", "another").getLong("id");
            String colleague = voted(app, other, 1, null, XFF, "198.51.100.7").getString("authorToken");
            voted(app, id, 1, null, XFF, "198.51.100.7");
            voted(app, id, 1, colleague, XFF, "198.51.100.7");
            HttpResponse<String> signedIn = Http.postJson(app.baseUrl() + "/api/v1/comments/" + id + "/vote",
                    new JsonObject().put("value", -1).put("sso", Hostile.validJwt("sub-1", "Sam")).encode(), XFF, "198.51.100.7");
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
            assertThat(Voting.scores(app, "t", 0).get(id)).containsExactly(2, 1);
        }
    }

    @Test
    void votesAreRateLimitedPerAddressAndPerVoter() {
        try (TestApp app = start("PARLEY_RATE_LIMITS", "on", "PARLEY_VOTE_BURST", "3", "PARLEY_VOTE_EVERY", "1h")) {
            long id = Http.postComment(app, "t", "Ann", "flood me").getLong("id");
            String token = voted(app, id, 1, null, XFF, "198.51.100.8").getString("authorToken");
            voted(app, id, -1, token, XFF, "198.51.100.8");
            voted(app, id, 1, token, XFF, "198.51.100.9");
            voted(app, id, -1, token, XFF, "198.51.100.9"); // the voter's third: their first vote minted them
            HttpResponse<String> refused = vote(app, id, 1, token, XFF, "198.51.100.10");
            Http.assertError(refused, 429, "rate_limited");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            voted(app, id, 1, null, XFF, "198.51.100.10"); // a new reader at a fresh address is not this voter
            for (int i = 0; i < 3; i++) {
                voted(app, id, 0, null, XFF, "198.51.100.11");
            }
            Http.assertError(vote(app, id, 1, null, XFF, "198.51.100.11"), 429, "rate_limited");
        }
    }

    @Test
    void aModeratorClearsAReadersVotesAndEveryReaderSeesTheCountsFall() {
        try (TestApp app = start(); WsClient reader = WsClient.connect(app)) {
            long a = Http.postComment(app, "t", "Ann", "a").getLong("id");
            long b = Http.postComment(app, "t", "Ann", "b").getLong("id");
            String troll = voted(app, a, -1, null, XFF, "198.51.100.12").getString("authorToken");
            voted(app, b, -1, troll, XFF, "198.51.100.12");
            voted(app, b, 1, null, XFF, "198.51.100.13");
            reader.subscribe("t", 2L).next("subscribed");
            String authorId = troll.split("\\.")[1];

            Http.assertError(request("DELETE", app.baseUrl() + "/api/v1/admin/votes?authorId=" + authorId, null), 401,
                    "unauthorized");
            HttpResponse<String> cleared = request("DELETE", app.baseUrl() + "/api/v1/admin/votes?authorId=" + authorId,
                    null, "Authorization", bearer(ADMIN));
            assertThat(Http.json(cleared).getInteger("cleared")).isEqualTo(2);
            assertThat(java.util.List.of(reader.next("score"), reader.next("score")).stream()
                    .map(f -> f.getLong("down")).toList()).containsOnly(0L);
            assertThat(Voting.scores(app, "t", 0).get(a)).containsExactly(0, 0);
            assertThat(Voting.scores(app, "t", 0).get(b)).containsExactly(1, 0);
            assertThat(Http.get(app.baseUrl() + "/api/v1/admin/audit").statusCode()).isEqualTo(401);
            assertThat(request("GET", app.baseUrl() + "/api/v1/admin/audit", null, "Authorization", bearer(ADMIN)).body())
                    .contains("clear-votes");
        }
    }

    @Test
    void aBanTakesTheBannedReadersVotesWithIt() {
        try (TestApp app = start()) {
            long id = Http.postComment(app, "t", "Ann", "a").getLong("id");
            String troll = voted(app, id, -1, null, XFF, "198.51.100.14").getString("authorToken");
            voted(app, id, 1, null, XFF, "198.51.100.15");
            HttpResponse<String> ban = request("POST", app.baseUrl() + "/api/v1/admin/bans", new JsonObject()
                    .put("authorId", troll.split("\\.")[1]).put("seconds", 3600).put("reason", "stuffing").encode(),
                    "Authorization", bearer(ADMIN));
            assertThat(ban.statusCode()).isEqualTo(201);
            assertThat(Voting.scores(app, "t", 0).get(id)).containsExactly(1, 0);
            Http.assertError(vote(app, id, -1, troll, XFF, "198.51.100.16"), 403, "banned");
        }
    }

    @Test
    void aVoteOnADeletedOrPendingCommentIsRefused() {
        try (TestApp app = start()) {
            long id = Http.postComment(app, "t", "Ann", "a").getLong("id");
            request("DELETE", app.baseUrl() + "/api/v1/comments/" + id, null, "Authorization", bearer(ADMIN));
            Http.assertError(vote(app, id, 1, null, XFF, "198.51.100.17"), 409, "conflict");
            assertThat(Voting.scoreSeq(app, "t")).isZero();
        }
    }
}
