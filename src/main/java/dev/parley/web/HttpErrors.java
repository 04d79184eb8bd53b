package dev.parley.web;

import dev.parley.comment.Failures;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The one renderer of REST errors: {@code {"error":{"code":...,"message":...}}} with its status. */
public final class HttpErrors {
    private final Frames frames;

    public HttpErrors(Frames frames) {
        this.frames = frames;
    }

    public void send(RoutingContext ctx, Throwable failure) {
        if (ctx.response().closed() || failure instanceof io.vertx.core.http.HttpClosedException) {
            return; // the client went away (aborted a request): nobody to answer, nothing went wrong here
        }
        send(ctx, Failures.toApi(failure, AccessLog.requestId(ctx)));
    }

    public void send(RoutingContext ctx, ApiException error) {
        if (error.retryAfterSeconds() > 0 && !ctx.response().ended()) {
            ctx.response().putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        send(ctx, error.code(), error.getMessage());
    }

    public void send(RoutingContext ctx, ErrorCode code, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(code.httpStatus()).putHeader("Content-Type", "application/json; charset=utf-8");
        if (code == ErrorCode.UNAVAILABLE) {
            response.putHeader("Retry-After", "1");
        }
        response.end(Buffer.buffer(frames.restError(code, message)));
    }
}
