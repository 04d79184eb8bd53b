package dev.parley.web;

import dev.parley.comment.Actor;
import dev.parley.comment.CommentRules;
import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
import dev.parley.comment.Version;
import dev.parley.comment.AuditEntry;
import dev.parley.moderation.Ban;
import dev.parley.moderation.MailSubscription;
import dev.parley.moderation.Moderation;
import dev.parley.moderation.ModerationStore;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import dev.parley.protocol.ThreadKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** {@code /api/v1/admin/*}: the moderator's API (the admin page uses exactly this). */
public final class AdminApi {
    /** Entries per block list: enough for a published word list; one compiled automaton holds them all. */
    static final int MAX_BLOCKED = 10_000;
    /**
     * The settings request's own body limit (10,000 entries of a few words fit; the usual API limit
     * would not), read only after the moderator token is checked. It also bounds the compiled block
     * list: at 20 bytes an automaton state, at most about 20 MB.
     */
    static final int MAX_SETTINGS_BYTES = 1024 * 1024;
    private final Moderation moderation;
    private final ModeratorGate gate;
    private final CommentsApi api;
    private final Frames frames;

    public AdminApi(Moderation moderation, ModeratorGate gate, CommentsApi api, Frames frames) {
        this.moderation = moderation;
        this.gate = gate;
        this.api = api;
        this.frames = frames;
    }

    /** First handler on every admin route. */
    public void requireModerator(RoutingContext ctx) {
        gate.requireModerator(ctx, api.addressHash(ctx));
    }

    /**
     * {@code GET /api/v1/admin/comments}: the newest comments of the request's site, or of every
     * site ({@code allSites=true}, the server's admin only), filtered by {@code thread},
     * {@code author} and {@code text} (contained, any case) and {@code status}; a page ends with
     * the id to ask {@code before} for the next.
     */
    public void comments(RoutingContext ctx) {
        int limit = (int) CommentsApi.number(ctx, "limit", 50, 1, 500);
        String before = ctx.queryParams().get("before");
        Long beforeId = before == null ? null : CommentsApi.number(ctx, "before", 0, 1, Long.MAX_VALUE);
        String status = ctx.queryParams().get("status") == null ? "all" : ctx.queryParams().get("status");
        boolean allSites = "true".equals(ctx.queryParams().get("allSites"));
        String threadParam = ctx.queryParams().get("thread");
        String thread = threadParam == null || threadParam.isEmpty() ? null : CommentRules.thread(threadParam);
        ModerationStore.Query query = new ModerationStore.Query(allSites ? null : SiteParam.of(ctx).name(), thread,
                search(ctx, "author"), search(ctx, "text"), status, beforeId, limit);
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        api.respond(ctx, 200, () -> {
            List<StoredComment> page = moderation.newest(moderator, query);
            JsonObject answer = new JsonObject().put("comments", stored(page));
            if (page.size() == limit) {
                answer.put("next", page.get(page.size() - 1).comment().id());
            }
            return json(answer);
        });
    }

    /** A search term: trimmed, up to 200 characters; absent or blank means none. */
    private static String search(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            throw new ApiException(ErrorCode.INVALID_LIMIT, name + " must be at most 200 characters");
        }
        return value.strip();
    }

    public void approve(RoutingContext ctx) {
        long id = CommentsApi.id(ctx);
        api.respond(ctx, 200, () -> frames.comment(moderation.approve(ModeratorGate.moderator(ctx), id).comment()));
    }

    public void restore(RoutingContext ctx) {
        long id = CommentsApi.id(ctx);
        api.respond(ctx, 200, () -> frames.comment(moderation.restore(ModeratorGate.moderator(ctx), id).comment()));
    }

    public void ban(RoutingContext ctx) {
        JsonObject body = api.body(ctx);
        String authorId = CommentRules.optionalString(body, "authorId");
        String ipHash = CommentRules.optionalString(body, "ipHash");
        Object seconds = body.getValue("seconds");
        if (!(seconds instanceof Integer || seconds instanceof Long) || ((Number) seconds).longValue() < 1) {
            throw new ApiException(ErrorCode.INVALID_JSON, "seconds must be a positive integer");
        }
        String reason = CommentRules.optionalString(body, "reason");
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        api.respond(ctx, 201, () -> json(ban(moderation.ban(moderator, authorId, ipHash,
                Duration.ofSeconds(((Number) seconds).longValue()), reason == null ? "" : reason))));
    }

    public void bans(RoutingContext ctx) {
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        api.respond(ctx, 200, () -> {
            JsonArray bans = new JsonArray();
            moderation.bans(moderator).forEach(b -> bans.add(ban(b)));
            return json(new JsonObject().put("bans", bans));
        });
    }

    public void unban(RoutingContext ctx) {
        long id = CommentsApi.id(ctx);
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        api.respond(ctx, 204, () -> {
            moderation.unban(moderator, id);
            return new byte[0];
        });
    }

    public void lock(RoutingContext ctx) {
        JsonObject body = api.body(ctx);
        String thread = CommentRules.thread(body.getValue("thread"));
        if (!(body.getValue("locked") instanceof Boolean locked)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "locked must be true or false");
        }
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        String key = SiteParam.thread(ctx, thread);
        api.respond(ctx, 200, () -> {
            moderation.lock(moderator, key, locked);
            return json(new JsonObject().put("thread", thread).put("locked", locked));
        });
    }

    public void settings(RoutingContext ctx) {
        String site = SiteParam.of(ctx).name();
        api.respond(ctx, 200, () -> json(settings(moderation.settings(site))));
    }

    public void saveSettings(RoutingContext ctx) {
        JsonObject body = api.body(ctx);
        if (!(body.getValue("premoderation") instanceof Boolean premoderation)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "premoderation must be true or false");
        }
        ModerationSettings settings = new ModerationSettings(premoderation, strings(body, "blockedWords"),
                strings(body, "blockedDomains"));
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        String site = SiteParam.of(ctx).name();
        api.respond(ctx, 200, () -> json(settings(moderation.saveSettings(moderator, site, settings))));
    }

    public void audit(RoutingContext ctx) {
        int limit = (int) CommentsApi.number(ctx, "limit", 100, 1, 1000);
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        api.respond(ctx, 200, () -> json(new JsonObject().put("entries", entries(moderation.audit(moderator, limit)))));
    }

    private static JsonArray entries(List<AuditEntry> audit) {
        JsonArray entries = new JsonArray();
        for (AuditEntry e : audit) {
            entries.add(new JsonObject().put("at", Json.time(e.at())).put("actor", e.actor())
                    .put("action", e.action()).put("target", e.target()).put("detail", e.detail()).put("site", e.site()));
        }
        return entries;
    }

    /** Everything stored about one author: comments, name reservations, bans and audit entries. */
    public void exportAuthor(RoutingContext ctx) {
        String authorId = ctx.pathParam("authorId");
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        api.respond(ctx, 200, () -> {
            ModerationStore.AuthorData data = moderation.export(moderator, authorId);
            JsonArray names = new JsonArray();
            data.names().forEach(n -> names.add(new JsonObject().put("site", n.site()).put("name", n.name())
                    .put("ssoUser", n.ssoUser())));
            JsonArray bans = new JsonArray();
            data.bans().forEach(b -> bans.add(ban(b)));
            JsonArray votes = new JsonArray();
            data.votes().forEach(v -> votes.add(new JsonObject().put("comment", v.commentId()).put("value", v.value())
                    .put("ipHash", v.ipHash()).put("at", Json.time(v.at()))));
            return json(new JsonObject().put("authorId", authorId).put("comments", stored(data.comments()))
                    .put("names", names).put("bans", bans).put("audit", entries(data.audit()))
                    .put("mailSubscriptions", mail(data.mail())).put("votes", votes)
                    .put("versions", versions(data.versions())));
        });
    }

    /** {@code GET /api/v1/admin/comments/{id}/history}: an edited comment's earlier texts, oldest first. */
    public void history(RoutingContext ctx) {
        long id = CommentsApi.id(ctx);
        api.respond(ctx, 200, () -> json(new JsonObject().put("comment", id).put("versions", versions(moderation.history(ModeratorGate.moderator(ctx), id)))));
    }

    private static JsonArray versions(List<Version> versions) {
        JsonArray out = new JsonArray();
        versions.forEach(v -> out.add(new JsonObject().put("comment", v.commentId()).put("body", v.body())
                .put("html", v.html()).put("writtenAt", Json.time(v.writtenAt())).put("replacedAt", Json.time(v.replacedAt()))
                .put("editedBy", v.editedBy())));
        return out;
    }

    public void eraseAuthor(RoutingContext ctx) {
        String authorId = ctx.pathParam("authorId");
        Actor.Moderator moderator = ModeratorGate.moderator(ctx);
        api.respond(ctx, 200, () -> json(new JsonObject().put("erased", moderation.erase(moderator, authorId))));
    }

    private JsonArray stored(List<StoredComment> comments) {
        JsonArray out = new JsonArray();
        for (StoredComment s : comments) {
            JsonObject c = new JsonObject(new String(frames.comment(s.comment()), StandardCharsets.UTF_8));
            out.add(c.put("authorId", s.authorId()).put("ipHash", s.ipHash()).put("deletedBy", s.deletedBy())
                    .put("site", ThreadKey.site(s.comment().thread())));
        }
        return out;
    }

    private static JsonArray mail(List<MailSubscription> subscriptions) {
        JsonArray out = new JsonArray();
        for (MailSubscription s : subscriptions) {
            out.add(new JsonObject().put("commentId", s.commentId()).put("address", s.address())
                    .put("confirmedAt", s.confirmedAt() == null ? null : Json.time(s.confirmedAt()))
                    .put("createdAt", Json.time(s.createdAt())));
        }
        return out;
    }

    private static JsonObject ban(Ban b) {
        JsonObject json = new JsonObject().put("id", b.id()).put("until", Json.time(b.until())).put("reason", b.reason())
                .put("site", b.site());
        return b.authorId() != null ? json.put("authorId", b.authorId()) : json.put("ipHash", b.ipHash());
    }

    private static JsonObject settings(ModerationSettings s) {
        return new JsonObject().put("premoderation", s.premoderation())
                .put("blockedWords", new JsonArray(s.blockedWords())).put("blockedDomains", new JsonArray(s.blockedDomains()));
    }

    private static List<String> strings(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonArray array && array.stream().allMatch(v -> v instanceof String s && s.length() <= 200)
                && array.size() <= MAX_BLOCKED) {
            return array.stream().map(String.class::cast).toList();
        }
        throw new ApiException(ErrorCode.INVALID_JSON, field + " must be a list of at most " + MAX_BLOCKED
                + " strings of at most 200 characters");
    }

    private static byte[] json(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }
}
