package dev.parley.web;

import dev.parley.feed.Format;
import dev.parley.protocol.ErrorCode;
import dev.parley.realtime.Shard;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.Supplier;

/** Every route of a Parley node, with its limits, in one method. Tests mount the same routes. */
public final class Routes {
    private static final String SETTINGS = "/api/v1/admin/settings";
    /** What answers requests: the APIs, the socket endpoint, the node's own pages. */
    public record Endpoints(CommentsApi api, AdminApi admin, SitesApi sites, TransferApi transfer, NotifyApi mail,
                            FeedApi feeds, VotesApi votes, WsEndpoint ws, StreamEndpoint stream,
                            Health health, WidgetFiles widget, Supplier<String> metrics) {
    }

    /** What every request passes first: its site, the origin and CORS rules, limits, the drain. */
    public record Edge(SiteParam siteParam, Cors cors, SiteOrigins origins, ReadLimit readLimit, RequestDrain drain,
                       HttpErrors errors, int maxBodyBytes) {
    }

    private static final String UNSUBSCRIBE = "/api/v1/notify/unsubscribe";
    /** RFC 8058's body is {@code List-Unsubscribe=One-Click}; nothing larger is read. */
    private static final int ONE_CLICK_BODY_BYTES = 1024;
    private final CommentsApi api;
    private final WsEndpoint ws;
    private final StreamEndpoint stream;
    private final ReadLimit readLimit;
    private final RequestDrain drain;
    private final AdminApi admin;
    private final SitesApi sites;
    private final TransferApi transfer;
    private final ApiDocument document = new ApiDocument();
    private final NotifyApi notify;
    private final FeedApi feeds;
    private final VotesApi votes;
    private final Cors cors;
    private final SiteOrigins origins;
    private final SiteParam siteParam;
    private final HttpErrors errors;
    private final Health health;
    private final WidgetFiles widget;
    private final Supplier<String> metrics;
    private final int maxBodyBytes;
    private final AccessLog accessLog = new AccessLog();
    private final AllowedMethods allowed = new AllowedMethods();

    public Routes(Endpoints endpoints, Edge edge) {
        this.api = endpoints.api();
        this.ws = endpoints.ws();
        this.stream = endpoints.stream();
        this.admin = endpoints.admin();
        this.sites = endpoints.sites();
        this.transfer = endpoints.transfer();
        this.notify = endpoints.mail();
        this.feeds = endpoints.feeds();
        this.votes = endpoints.votes();
        this.health = endpoints.health();
        this.widget = endpoints.widget();
        this.metrics = endpoints.metrics();
        this.readLimit = edge.readLimit();
        this.drain = edge.drain();
        this.cors = edge.cors();
        this.origins = edge.origins();
        this.siteParam = edge.siteParam();
        this.errors = edge.errors();
        this.maxBodyBytes = edge.maxBodyBytes();
    }

    public Router mount(Router router, Shard shard) {
        router.route().handler(accessLog::handle).handler(drain::handle);
        // RFC 8058 one-click unsubscribe: mail providers POST a form, from no browser origin. It
        // answers before the JSON-only guard below; its token is all it acts on.
        router.post(UNSUBSCRIBE).handler(readLimit::handle);
        router.post(UNSUBSCRIBE).handler(BodyHandler.create(false).setBodyLimit(ONE_CLICK_BODY_BYTES))
                .handler(notify::unsubscribeOneClick);
        // The protocol's order of checks: origin (403), media type (415), size (413), then the handler.
        router.route("/api/*").handler(SecurityHeaders::api).handler(siteParam::handle).handler(cors::handle)
                .handler(this::guardStateChange);
        router.route("/api/*").method(HttpMethod.GET).handler(readLimit::handle);
        // Block lists are long: the settings take a larger body, and only from a moderator (the
        // general body handler below then sees the body read and passes).
        router.route(HttpMethod.PUT, SETTINGS).handler(admin::requireModerator);
        router.route(HttpMethod.PUT, SETTINGS).handler(BodyHandler.create(false).setBodyLimit(AdminApi.MAX_SETTINGS_BYTES));
        // An import is a file, streamed to disk by its own handler (never through a body handler).
        api(router, HttpMethod.POST, TransferApi.IMPORT, transfer::upload);
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PATCH).method(HttpMethod.PUT)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));

        api(router, HttpMethod.GET, "/api/v1/comments", ctx -> {
            String order = ctx.queryParams().get("order");
            if ("top".equals(order)) {
                votes.top(ctx);
            } else if ("newest".equals(order) || "oldest".equals(order)) {
                api.tree(ctx);
            } else {
                api.list(ctx);
            }
        });
        api(router, HttpMethod.POST, "/api/v1/comments", api::post);
        api(router, HttpMethod.POST, "/api/v1/preview", api::preview);
        api(router, HttpMethod.PATCH, "/api/v1/comments/:id", api::edit);
        api(router, HttpMethod.DELETE, "/api/v1/comments/:id", api::delete);
        api(router, HttpMethod.GET, "/api/v1/events", api::events);
        // Live frames as Server-Sent Events, where a proxy blocks WebSocket: the same checks and
        // limits as /ws (StreamEndpoint), after the read limit above.
        api(router, HttpMethod.GET, StreamEndpoint.PATH, ctx -> stream.open(ctx, shard));
        api(router, HttpMethod.GET, "/api/v1/threads", api::thread);
        api(router, HttpMethod.GET, "/api/v1/counts", api::counts);
        api(router, HttpMethod.GET, "/api/v1/openapi.json", document::serve);
        api(router, HttpMethod.GET, "/api/v1/notify/confirm", notify::confirm);
        api(router, HttpMethod.GET, UNSUBSCRIBE, notify::unsubscribePage);
        allowed.add(UNSUBSCRIBE, HttpMethod.POST);
        api(router, HttpMethod.POST, "/api/v1/comments/:id/vote", votes::vote);
        api(router, HttpMethod.GET, "/api/v1/comments/:id/context", api::context);
        api(router, HttpMethod.GET, "/api/v1/scores", votes::scores);

        router.route("/api/v1/admin/*").handler(admin::requireModerator);
        api(router, HttpMethod.GET, "/api/v1/admin/comments", admin::comments);
        api(router, HttpMethod.POST, "/api/v1/admin/comments/:id/approve", admin::approve);
        api(router, HttpMethod.POST, "/api/v1/admin/comments/:id/restore", admin::restore);
        api(router, HttpMethod.GET, "/api/v1/admin/comments/:id/history", admin::history);
        api(router, HttpMethod.DELETE, "/api/v1/admin/votes", votes::clear);
        api(router, HttpMethod.GET, "/api/v1/admin/bans", admin::bans);
        api(router, HttpMethod.POST, "/api/v1/admin/bans", admin::ban);
        api(router, HttpMethod.DELETE, "/api/v1/admin/bans/:id", admin::unban);
        api(router, HttpMethod.PUT, "/api/v1/admin/threads/lock", admin::lock);
        api(router, HttpMethod.GET, SETTINGS, admin::settings);
        api(router, HttpMethod.PUT, SETTINGS, admin::saveSettings);
        api(router, HttpMethod.GET, "/api/v1/admin/audit", admin::audit);
        api(router, HttpMethod.GET, "/api/v1/admin/sites", sites::list);
        api(router, HttpMethod.PUT, "/api/v1/admin/sites/:name", sites::save);
        api(router, HttpMethod.GET, "/api/v1/admin/authors/:authorId", admin::exportAuthor);
        api(router, HttpMethod.DELETE, "/api/v1/admin/authors/:authorId", admin::eraseAuthor);
        api(router, HttpMethod.POST, "/api/v1/admin/backup", transfer::backup);
        // A known API path asked with a method it does not answer, GET included, which would
        // otherwise fall through to the files below and answer 404.
        router.route("/api/*").handler(ctx -> {
            String allow = allowed.allow(ctx.request().path());
            if (allow == null) {
                ctx.next();
            } else {
                methodNotAllowed(ctx, allow);
            }
        });
        router.get("/admin").handler(ctx -> ctx.reroute("/admin/index.html"));

        router.get("/feed/*").handler(siteParam::handle).handler(readLimit::handle);
        router.get("/feed/thread.atom").handler(ctx -> feeds.thread(ctx, Format.ATOM));
        router.get("/feed/thread.rss").handler(ctx -> feeds.thread(ctx, Format.RSS));
        router.get("/feed/site.atom").handler(ctx -> feeds.site(ctx, Format.ATOM));
        router.get("/feed/site.rss").handler(ctx -> feeds.site(ctx, Format.RSS));

        router.get("/ws").handler(siteParam::handle).handler(ctx -> ws.upgrade(ctx, shard));
        router.get("/healthz").handler(ctx -> json(ctx, 200, "{\"status\":\"ok\"}"));
        router.get("/readyz").handler(this::ready);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get()));

        router.get("/demo/two").handler(ctx -> ctx.reroute("/demo/two.html"));
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(SecurityHeaders::page);
        for (String path : widget.paths()) {
            router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(widget::handle);
        }
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(StaticHandler.create("webroot").setCachingEnabled(false).setIncludeHidden(false));

        router.route().failureHandler(this::failure);
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, this::failure);
        }
        return router;
    }

    private void guardStateChange(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpMethod method = request.method();
        if (RequestDrain.changesState(method) && !origins.allows(SiteParam.of(ctx), request.getHeader("Origin"), request.getHeader("Host"))) {
            errors.send(ctx, ErrorCode.FORBIDDEN_ORIGIN, "origin not allowed: " + request.getHeader("Origin"));
            return;
        }
        boolean hasBody = method == HttpMethod.POST || method == HttpMethod.PATCH || method == HttpMethod.PUT;
        boolean upload = TransferApi.IMPORT.equals(request.path());
        if (hasBody && !(upload ? is("application/octet-stream", request.getHeader("Content-Type"))
                : is("application/json", request.getHeader("Content-Type")))) {
            errors.send(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, upload ? "send the file as Content-Type:"
                    + " application/octet-stream" : "send Content-Type: application/json");
            return;
        }
        ctx.next();
    }

    private static boolean is(String mediaType, String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase(mediaType);
    }

    /** Every API path and the methods it answers, as mounted ({@code :name} marks a path parameter). */
    public java.util.Map<String, java.util.Set<HttpMethod>> apiRoutes() {
        return allowed.routes();
    }

    private void api(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
        router.route(method, path).handler(handler);
        allowed.add(path, method);
    }

    /** 405, with the methods the path answers when it is a known API path (allow: null otherwise). */
    private void methodNotAllowed(RoutingContext ctx, String allow) {
        if (allow != null) {
            ctx.response().putHeader("Allow", allow);
        }
        errors.send(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.request().method() + " is not allowed here");
    }

    private void ready(RoutingContext ctx) {
        health.readiness().onComplete(result -> {
            Health.Readiness r = result.succeeded() ? result.result()
                    : Health.Readiness.notReady("readiness check failed");
            io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject().put("status", r.status());
            if (r.reason() != null) {
                body.put("reason", r.reason());
            }
            json(ctx, r.ready() ? 200 : 503, body.encode());
        });
    }

    private void failure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            errors.send(ctx, ctx.failure());
            return;
        }
        switch (ctx.statusCode()) {
            case 400 -> errors.send(ctx, ErrorCode.INVALID_JSON, "bad request");
            case 404 -> errors.send(ctx, ErrorCode.NOT_FOUND, "no such resource: " + ctx.request().path());
            case 405 -> methodNotAllowed(ctx, allowed.allow(ctx.request().path()));
            case 413 -> errors.send(ctx, ErrorCode.TOO_LARGE, "request body over "
                    + (SETTINGS.equals(ctx.request().path()) ? AdminApi.MAX_SETTINGS_BYTES : maxBodyBytes) + " bytes");
            default -> errors.send(ctx, ErrorCode.INTERNAL, "internal error");
        }
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(body));
    }
}
