package dev.parley.web;

import dev.parley.identity.Identities;
import dev.parley.moderation.Moderation;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.transfer.Backup;
import dev.parley.transfer.Format;
import dev.parley.transfer.ImportException;
import dev.parley.transfer.ImportReport;
import dev.parley.transfer.Importer;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /api/v1/admin/import} and {@code POST /api/v1/admin/backup}: the command line's
 * import and backup, run by a node. An upload is the file itself ({@code application/octet-stream}),
 * streamed to a temporary file; one import runs at a time on a node, on its own worker thread, and
 * every comment it stores is published, so readers on every node see it arrive. A backup goes into
 * the directory the server's settings name, never one a client chose.
 */
public final class TransferApi {
    static final String IMPORT = "/api/v1/admin/import";
    private static final String ACTOR = "moderator";
    /** How long a refused upload's remaining body is read and dropped before its connection closes. */
    private static final long LINGER_MILLIS = 2_000;

    private final Importer importer;
    private final Backup backup;
    private final Identities identities;
    private final Moderation moderation;
    private final HttpErrors errors;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final long maxBytes;
    private final AtomicBoolean importing = new AtomicBoolean();

    public TransferApi(Importer importer, Backup backup, Identities identities, Moderation moderation, HttpErrors errors,
                       Vertx vertx, WorkerExecutor worker, long maxBytes) {
        this.importer = importer;
        this.backup = backup;
        this.identities = identities;
        this.moderation = moderation;
        this.errors = errors;
        this.vertx = vertx;
        this.worker = worker;
        this.maxBytes = maxBytes;
    }

    /**
     * The upload's first handler, before any body handler: a request without the moderator token is
     * answered at its head and its connection closed, so nobody else can hold a connection for the
     * upload's long deadline.
     */
    public void upload(RoutingContext ctx) {
        try {
            identities.requireModerator(ctx.request().getHeader("Authorization"));
        } catch (ApiException refused) {
            refuseAndClose(ctx, refused);
            return;
        }
        Format format;
        String site;
        boolean dryRun;
        try {
            format = Format.of(String.valueOf(ctx.queryParams().get("format")));
            site = SiteParam.of(ctx).name(); // an unknown site was refused (404) before this
            dryRun = flag(ctx.queryParams().get("dryRun"));
        } catch (IllegalArgumentException e) {
            ErrorCode code = e.getMessage().startsWith("site") ? ErrorCode.INVALID_SITE : ErrorCode.INVALID_FILE;
            refuseAndClose(ctx, new ApiException(code, e.getMessage()));
            return;
        }
        if (!importing.compareAndSet(false, true)) {
            refuseAndClose(ctx, new ApiException(ErrorCode.CONFLICT, "an import is already running on this node"));
            return;
        }
        Upload.toTempFile(vertx, ctx.request(), maxBytes).onComplete(received -> {
            if (received.failed()) {
                importing.set(false);
                refuseAndClose(ctx, received.cause() instanceof ApiException api ? api
                        : new ApiException(ErrorCode.INVALID_FILE, "the upload did not complete"));
                return;
            }
            Path file = received.result();
            respond(ctx, 200, () -> {
                try {
                    ImportReport report = importer.run(format, file, site, dryRun);
                    if (!dryRun) {
                        moderation.transferred(ACTOR, "import", "site " + site, format.wire() + ": "
                                + report.comments() + " comments in " + report.threads() + " threads");
                    }
                    return report.toJson();
                } catch (ImportException e) {
                    throw new ApiException(ErrorCode.INVALID_FILE, e.getMessage());
                } finally {
                    Files.deleteIfExists(file);
                    importing.set(false);
                }
            });
        });
    }

    /** {@code POST /api/v1/admin/backup}: the whole database and the secret, so the server's admin only. */
    public void backup(RoutingContext ctx) {
        ModeratorGate.serverAdmin(ctx, "a backup holds every site: only the server's admin token takes one");
        respond(ctx, 201, () -> {
            Backup.Result result;
            try {
                result = backup.take();
            } catch (IllegalStateException | UnsupportedOperationException e) {
                throw new ApiException(ErrorCode.CONFLICT, e.getMessage());
            }
            moderation.transferred(ACTOR, "backup", result.directory().toString(), result.databaseBytes() + " bytes");
            return new JsonObject().put("directory", result.directory().toString())
                    .put("databaseBytes", result.databaseBytes()).put("secretCopied", result.secretCopied());
        });
    }

    private void respond(RoutingContext ctx, int status, Callable<JsonObject> work) {
        worker.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                errors.send(ctx, result.cause());
            } else {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(Buffer.buffer(result.result().encode()));
            }
        });
    }

    /** Answers and closes the connection: the rest of the body is not read. */
    /**
     * Answers and closes the connection, lingering first: the client may still be sending the body,
     * and a close with unread bytes makes the kernel reset the connection, which can destroy the
     * answer before the client reads it. What still arrives is dropped, for at most
     * {@link #LINGER_MILLIS}, as nginx's lingering close does.
     */
    private void refuseAndClose(RoutingContext ctx, ApiException error) {
        HttpServerRequest request = ctx.request();
        ctx.response().putHeader("Connection", "close");
        ctx.response().endHandler(ended -> {
            if (request.isEnded()) {
                request.connection().close();
                return;
            }
            long timer = vertx.setTimer(LINGER_MILLIS, late -> request.connection().close());
            request.handler(dropped -> { }).endHandler(end -> {
                vertx.cancelTimer(timer);
                request.connection().close();
            });
            request.resume();
        });
        errors.send(ctx, error);
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("dryRun must be true or false");
    }
}
