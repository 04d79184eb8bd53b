package dev.parley.vote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Votes and scores as a client asks for them over REST. */
public final class Voting {
    private Voting() {
    }

    /** Casts (1, -1) or withdraws (0) a vote; {@code token} may be null (a new reader); headers: name, value, … */
    public static HttpResponse<String> vote(TestApp app, long commentId, int value, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + commentId
                + "/vote")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("value", value).encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request);
    }

    /** A vote that must succeed: its answer. */
    public static JsonObject voted(TestApp app, long commentId, int value, String token, String... headers) {
        HttpResponse<String> answer = vote(app, commentId, value, token, headers);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    /** A new anonymous reader's token, minted by their first vote (an up vote on {@code anyCommentId}, which stays). */
    public static String newReader(TestApp app, long anyCommentId, String address) {
        return voted(app, anyCommentId, 1, null, "X-Forwarded-For", address).getString("authorToken");
    }

    /** Every score of the thread changed after score version {@code after}, read page by page: comment id to [up, down]. */
    public static Map<Long, long[]> scores(TestApp app, String thread, long after) {
        Map<Long, long[]> scores = new HashMap<>();
        for (JsonObject s : scoreRows(app, thread, after)) {
            scores.put(s.getLong("comment"), new long[] {s.getLong("up"), s.getLong("down")});
        }
        return scores;
    }

    static List<JsonObject> scoreRows(TestApp app, String thread, long after) {
        List<JsonObject> rows = new ArrayList<>();
        while (true) {
            JsonObject page = Http.json(Http.get(app.baseUrl() + "/api/v1/scores?thread=" + thread + "&after=" + after));
            page.getJsonArray("scores").forEach(s -> rows.add((JsonObject) s));
            if (!page.getBoolean("more")) {
                return rows;
            }
            after = rows.get(rows.size() - 1).getLong("scoreSeq");
        }
    }

    /** The thread's latest score version, from /threads. */
    public static long scoreSeq(TestApp app, String thread) {
        return Http.json(Http.get(app.baseUrl() + "/api/v1/threads?thread=" + thread)).getLong("scoreSeq");
    }
}
