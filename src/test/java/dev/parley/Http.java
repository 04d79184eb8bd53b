package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls against a test node, with the answer's status, headers and body. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static HttpResponse<String> postJson(String url, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    public static HttpResponse<String> send(HttpRequest.Builder builder) {
        return send(builder, HttpResponse.BodyHandlers.ofString());
    }

    /** A request whose body is taken as bytes, as sent: a compressed answer stays compressed. */
    public static HttpResponse<byte[]> sendForBytes(HttpRequest.Builder builder) {
        return send(builder, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(builder.timeout(Duration.ofSeconds(20)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The protocol's error shape: this status, a JSON body with this code and a message. */
    public static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonObject error = json(response).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("message")).isNotBlank();
    }

    public static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    /** Posts a comment over REST and returns it as readers see it; fails unless the answer is 201. */
    public static JsonObject postComment(TestApp app, String thread, String author, String body) {
        JsonObject answer = postCommentAnswer(app, thread, author, body);
        answer.remove("authorToken");
        answer.remove("editableUntil");
        return answer;
    }

    /** The poster's own 201 answer: the comment plus its {@code authorToken}. */
    public static JsonObject postCommentAnswer(TestApp app, String thread, String author, String body, String... headers) {
        HttpResponse<String> response = postJson(app.baseUrl() + "/api/v1/comments",
                new JsonObject().put("thread", thread).put("author", author).put("body", body).encode(), headers);
        if (response.statusCode() != 201) {
            throw new AssertionError("post failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }
}
