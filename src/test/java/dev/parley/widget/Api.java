package dev.parley.widget;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Another client of the server, over REST without an Origin header (a script, or a moderator). */
final class Api {
  static final String MODERATOR_TOKEN = "widget-tests-moderator-token";
  /** TestApp environment that makes {@link #MODERATOR_TOKEN} a moderator, so tests can edit and delete. */
  static final Map<String, String> MODERATED = Map.of("PARLEY_ADMIN_TOKEN", MODERATOR_TOKEN);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String baseUrl;

  Api(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Posts a comment and returns its id; fails unless the server answers 201. */
  String post(String thread, String parent, String author, String body) {
    JsonObject comment = new JsonObject().put("thread", thread).put("author", author).put("body", body)
        .put("parent", parent == null ? null : Long.parseLong(parent));
    String created = expect(201, json("/api/v1/comments").POST(HttpRequest.BodyPublishers.ofString(comment.encode())));
    return String.valueOf(new JsonObject(created).getLong("id"));
  }

  /** Edits a comment as a moderator. */
  void edit(String id, String body) {
    String patch = new JsonObject().put("body", body).encode();
    expect(200, json("/api/v1/comments/" + id).method("PATCH", HttpRequest.BodyPublishers.ofString(patch)));
  }

  /** Deletes a comment as a moderator. */
  void delete(String id) {
    expect(204, json("/api/v1/comments/" + id).DELETE());
  }

  /** GET of a path under the server, as raw bytes. */
  HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder json(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + MODERATOR_TOKEN);
  }

  private String expect(int status, HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status) {
      throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
          + " " + response.body() + ", expected " + status);
    }
    return response.body();
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
