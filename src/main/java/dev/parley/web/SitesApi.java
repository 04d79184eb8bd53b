package dev.parley.web;

import dev.parley.comment.CommentRules;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /api/v1/admin/sites}: the sites this server serves, managed with the server's admin
 * token only (a site's own moderators cannot see the others). A moderator token is write-only:
 * it is stored hashed and never shown again.
 */
public final class SitesApi {
    private final Sites sites;
    private final CommentsApi api;

    public SitesApi(Sites sites, CommentsApi api) {
        this.sites = sites;
        this.api = api;
    }

    public void list(RoutingContext ctx) {
        serverAdmin(ctx);
        api.respond(ctx, 200, () -> {
            JsonArray all = new JsonArray();
            sites.all().forEach(site -> all.add(json(site)));
            return bytes(new JsonObject().put("sites", all));
        });
    }

    /** {@code PUT /api/v1/admin/sites/{name}} with {@code {"allowedOrigins":[…],"moderatorToken":"…"}}. */
    public void save(RoutingContext ctx) {
        serverAdmin(ctx);
        String name = ctx.pathParam("name");
        JsonObject body = api.body(ctx);
        if (!(body.getValue("allowedOrigins") instanceof JsonArray array) || array.size() > 100
                || !array.stream().allMatch(o -> o instanceof String s && s.length() <= 200)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "allowedOrigins must be a list of at most 100 origins");
        }
        List<String> origins = array.stream().map(String.class::cast).map(String::trim).toList();
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(:(\\d{1,5}|\\*))?")) {
                throw new ApiException(ErrorCode.INVALID_JSON, "not an origin like https://blog.example.com: " + origin);
            }
        }
        String token = CommentRules.optionalString(body, "moderatorToken");
        api.respond(ctx, 200, () -> bytes(json(sites.save(name, origins, token))));
    }

    private static JsonObject json(Site site) {
        return new JsonObject().put("name", site.name()).put("allowedOrigins", new JsonArray(site.allowedOrigins()))
                .put("moderatorToken", site.moderatorTokenHash() != null);
    }

    private static void serverAdmin(RoutingContext ctx) {
        ModeratorGate.serverAdmin(ctx, "sites are managed with the server's admin token");
    }

    private static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }
}
