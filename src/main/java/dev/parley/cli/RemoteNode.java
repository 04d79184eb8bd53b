package dev.parley.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A running node's admin API, for commands given {@code --url}: the moderator token comes from
 * {@code --token} or {@code PARLEY_ADMIN_TOKEN} (better: a command line shows in the process list).
 */
final class RemoteNode {
    private final URI base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RemoteNode(String url, String token, Map<String, String> env) {
        String given = token != null ? token : env.getOrDefault("PARLEY_ADMIN_TOKEN", "");
        if (given.isBlank()) {
            throw new Options.UsageException("--url needs the moderator token: set PARLEY_ADMIN_TOKEN (or give --token)");
        }
        if (!url.matches("(?i)https?://[^/?#\\s]+/?")) {
            throw new Options.UsageException("--url must be the node's base URL, like http://localhost:8080");
        }
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.token = given;
    }

    /** POSTs to the admin API and returns the JSON answer; a refusal is an {@link IOException} with its message. */
    JsonObject post(String pathAndQuery, HttpRequest.BodyPublisher body, String contentType, Duration timeout)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .timeout(timeout).POST(body).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + base + ": " + e, e);
        }
        JsonObject answer;
        try {
            answer = new JsonObject(response.body());
        } catch (DecodeException e) {
            throw new IOException("the node at " + base + " answered " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() / 100 != 2) {
            JsonObject error = answer.getJsonObject("error", new JsonObject());
            throw new IOException("the node answered " + response.statusCode() + " " + error.getString("code", "")
                    + ": " + error.getString("message", ""));
        }
        return answer;
    }
}
