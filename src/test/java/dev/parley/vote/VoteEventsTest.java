package dev.parley.vote;

import static dev.parley.vote.Voting.voted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scores reach every reader live, in {@code score} frames beside the seq stream, and are exact
 * after a reconnect: the seq replay carries comments, {@code /scores?after=} the counts. Votes take
 * no seq, so no number of them pushes comments out of the replay window.
 */
class VoteEventsTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String[] TRUSTED = {"PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"};
    private TestApp app;
    private final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        app.close();
    }

    private WsClient reader(String thread, long since) {
        WsClient client = WsClient.connect(app);
        clients.add(client);
        client.subscribe(thread, since).next("subscribed");
        return client;
    }

    @Test
    void twoReadersSeeEachOthersVotesLiveAsScoreFrames() {
        app = TestApp.start(Map.of(TRUSTED[0], TRUSTED[1]));
        long id = Http.postComment(app, "t", "Ann", "vote on me").getLong("id");
        WsClient bo = reader("t", 1L);
        WsClient cy = reader("t", 1L);

        JsonObject first = voted(app, id, 1, null, "X-Forwarded-For", "198.51.100.1");
        assertThat(first.getString("authorToken")).as("a reader without a token gets one").startsWith("a1.");
        for (WsClient reader : List.of(bo, cy)) {
            JsonObject frame = reader.next("score");
            assertThat(frame.fieldNames()).containsExactlyInAnyOrder("type", "thread", "comment", "up", "down", "scoreSeq");
            assertThat(frame.getLong("comment")).isEqualTo(id);
            assertThat(frame.getLong("up")).isEqualTo(1);
            assertThat(frame.getLong("down")).isZero();
        }
        voted(app, id, -1, null, "X-Forwarded-For", "198.51.100.2");
        for (WsClient reader : List.of(bo, cy)) {
            JsonObject frame = reader.next("score");
            assertThat(List.of(frame.getLong("up"), frame.getLong("down"))).containsExactly(1L, 1L);
            assertThat(frame.getLong("scoreSeq")).isGreaterThan(first.getLong("scoreSeq"));
            reader.assertExhausted(QUIET);
        }
    }

    @Test
    void aVoteCanBeChangedAndWithdrawnAndRepeatingItChangesNothing() {
        app = TestApp.start();
        long id = Http.postComment(app, "t", "Ann", "vote on me").getLong("id");
        WsClient reader = reader("t", 1L);
        JsonObject up = voted(app, id, 1, null);
        String token = up.getString("authorToken");
        reader.next("score");

        JsonObject again = voted(app, id, 1, token);
        assertThat(again.containsKey("authorToken")).as("only a new reader's answer carries a token").isFalse();
        assertThat(List.of(again.getLong("up"), again.getLong("down"), again.getLong("scoreSeq")))
                .containsExactly(1L, 0L, up.getLong("scoreSeq"));
        reader.assertExhausted(QUIET);

        JsonObject down = voted(app, id, -1, token);
        assertThat(List.of(down.getLong("up"), down.getLong("down"), (long) down.getInteger("vote"))).containsExactly(0L, 1L, -1L);
        assertThat(reader.next("score").getLong("down")).isEqualTo(1);

        JsonObject withdrawn = voted(app, id, 0, token);
        assertThat(List.of(withdrawn.getLong("up"), withdrawn.getLong("down"))).containsExactly(0L, 0L);
        JsonObject frame = reader.next("score");
        assertThat(List.of(frame.getLong("up"), frame.getLong("down"))).containsExactly(0L, 0L);
        assertThat(Voting.scores(app, "t", 0)).containsOnlyKeys(id);
        assertThat(Voting.scores(app, "t", 0).get(id)).containsExactly(0, 0);
    }

    @Test
    void anAuthorCannotVoteOnTheirOwnComment() {
        app = TestApp.start();
        JsonObject mine = Http.postCommentAnswer(app, "t", "Ann", "my own");
        Http.assertError(Voting.vote(app, mine.getLong("id"), 1, mine.getString("authorToken")), 403, "forbidden");
        Http.assertError(Voting.vote(app, 999_999, 1, null), 404, "not_found");
        Http.assertError(Voting.vote(app, mine.getLong("id"), 2, null), 400, "invalid_json");
        Http.assertError(Voting.vote(app, mine.getLong("id"), 1, "a1.forged.token"), 401, "unauthorized");
        assertThat(Voting.scoreSeq(app, "t")).as("refused votes change nothing").isZero();
    }

    @Test
    void aReconnectingReaderGetsTheMissedCommentsByReplayAndTheExactScoresByScoreSeq() {
        app = TestApp.start(Map.of(TRUSTED[0], TRUSTED[1], "PARLEY_REPLAY_LIMIT", "50"));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Http.postComment(app, "hot", "Ann", "comment " + i).getLong("id"));
        }
        WsClient reader = reader("hot", 5L);
        voted(app, ids.get(0), 1, null, "X-Forwarded-For", "203.0.113.1");
        long seenScoreSeq = reader.next("score").getLong("scoreSeq");
        reader.close();

        // 2,000 vote changes while the reader is away: 20 readers, each flipping their vote on
        // every comment again and again, 40 times the replay limit.
        List<String> tokens = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            tokens.add(voted(app, ids.get(1), 1, null, "X-Forwarded-For", "203.0.113." + (10 + r)).getString("authorToken"));
        }
        int changes = 20;
        while (changes < 2000) {
            for (int r = 0; r < 20 && changes < 2000; r++) {
                int c = (changes / 20) % 5; // each round, every reader votes on one comment
                int value = (changes / 100) % 2 == 0 ? -1 : 1;
                voted(app, ids.get(c), value, tokens.get(r), "X-Forwarded-For", "203.0.113." + (10 + r));
                changes++;
            }
        }
        Map<Long, long[]> truth = Voting.scores(app, "hot", 0);
        long missedComment = Http.postComment(app, "hot", "Bo", "posted while away").getLong("id");

        WsClient back = WsClient.connect(app);
        clients.add(back);
        back.subscribe("hot", 5L);
        JsonObject replayed = back.next("comment");
        assertThat(replayed.getJsonObject("comment").getLong("id")).isEqualTo(missedComment);
        JsonObject subscribed = back.next("subscribed");
        assertThat(subscribed.getBoolean("reset")).as("votes take no seq: nothing to overflow").isFalse();
        assertThat(subscribed.getLong("seq")).isEqualTo(6);
        back.assertExhausted(QUIET);

        List<JsonObject> caughtUp = Voting.scoreRows(app, "hot", seenScoreSeq);
        assertThat(caughtUp).as("coalesced: one row per comment, however many votes").hasSize(5);
        Map<Long, long[]> after = Voting.scores(app, "hot", seenScoreSeq);
        for (long id : ids) {
            assertThat(after.get(id)).as("comment %d", id).containsExactly(truth.get(id));
        }
        assertThat(truth.get(ids.get(0))[0] + truth.get(ids.get(0))[1]).as("21 voters on the first comment").isEqualTo(21);
    }

    @Test
    void aReaderWithNoSocketReadsScoresAndSeesTheScoreSeqInThreads() {
        app = TestApp.start();
        long a = Http.postComment(app, "t", "Ann", "a").getLong("id");
        long b = Http.postComment(app, "t", "Ann", "b").getLong("id");
        assertThat(Voting.scoreSeq(app, "t")).isZero();
        voted(app, a, 1, null);
        JsonObject last = voted(app, b, -1, null);
        assertThat(Voting.scoreSeq(app, "t")).isEqualTo(last.getLong("scoreSeq"));
        Map<Long, long[]> scores = Voting.scores(app, "t", 0);
        assertThat(scores.get(a)).containsExactly(1, 0);
        assertThat(scores.get(b)).containsExactly(0, 1);
        assertThat(Voting.scores(app, "t", last.getLong("scoreSeq"))).isEmpty();
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/comments?thread=t")).getLong("seq"))
                .as("votes are not thread events").isEqualTo(2);
    }
}
