package dev.parley.web;

import dev.parley.comment.CommentRules;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.realtime.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /api/v1/stream?thread=T[&since=N]}: one thread's live frames as Server-Sent Events,
 * for readers whose proxy blocks WebSocket (docs/protocol.md, "Event stream"). It passes the same
 * {@link ConnectionGate} as {@code /ws} (one count of open connections per address for both), then
 * the connection goes to the shard as a session subscribed from {@code since}, or from the
 * {@code Last-Event-ID} an EventSource sends when it reconnects (it wins: it is the later seq).
 *
 * <p>The response is delimited by the connection's end (no length, no chunks), which HTTP/1.0
 * proxies pass too; {@code X-Accel-Buffering: no} asks nginx not to buffer it.
 */
public final class StreamEndpoint {
    public static final String PATH = "/api/v1/stream";
    /** The {@code retry} hint is drawn per stream from this range, so streams cut together come back spread out. */
    private static final int RETRY_MIN_MILLIS = 1000;
    private static final int RETRY_SPREAD_MILLIS = 4000;
    private static final Map<String, String> STREAM_HEADERS = Map.of(
            "Content-Type", "text/event-stream; charset=utf-8",
            "Cache-Control", "no-store, no-transform",
            "X-Accel-Buffering", "no",
            "Connection", "close");

    private final ConnectionGate gate;

    public StreamEndpoint(ConnectionGate gate) {
        this.gate = gate;
    }

    public void open(RoutingContext ctx, Shard shard) {
        gate.admit(ctx, StreamEndpoint::refusal, ipHash -> accept(ctx, shard, ipHash, Asked.of(ctx)));
    }

    /** What the request asks for: a thread of its site, from a seq (null: live only). */
    private record Asked(String thread, Long since) {
        static Asked of(RoutingContext ctx) {
            String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
            String lastEventId = ctx.request().getHeader("Last-Event-ID");
            return new Asked(thread, lastEventId != null && !lastEventId.isBlank() ? seq(lastEventId, "Last-Event-ID")
                    : seq(ctx.queryParams().get("since"), "since"));
        }
    }

    /** Checked after the origin, as /ws checks its upgrade header: a bad request, or no HTTP/1.1 under it. */
    private static ApiException refusal(RoutingContext ctx) {
        try {
            Asked.of(ctx);
        } catch (ApiException e) {
            return e;
        }
        return VertxPipeline.channel(ctx.request()) == null
                ? new ApiException(ErrorCode.UPGRADE_REQUIRED, "the event stream needs an HTTP/1.1 connection") : null;
    }

    /** Holding the address's lease: the connection gives it back when it closes. */
    private void accept(RoutingContext ctx, Shard shard, String ipHash, Asked asked) {
        Channel channel = VertxPipeline.channel(ctx.request());
        if (channel == null || !channel.isActive()) { // gone during the checks
            gate.release(ipHash);
            return;
        }
        ByteBuf head = head(ctx);
        gate.handOver(channel, ipHash, () -> VertxPipeline.takeOver(channel,
                shard.acceptStream(channel, ipHash, SiteParam.of(ctx).name(), asked.thread(), asked.since()), head));
    }

    /**
     * The status line, the headers the request's route has set (request id, CORS, nosniff) with
     * the stream's own, and the first field: the reconnection time.
     */
    private static ByteBuf head(RoutingContext ctx) {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        ctx.response().headers().forEach(h -> {
            if (STREAM_HEADERS.keySet().stream().noneMatch(h.getKey()::equalsIgnoreCase)) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        });
        STREAM_HEADERS.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        int retry = RETRY_MIN_MILLIS + ThreadLocalRandom.current().nextInt(RETRY_SPREAD_MILLIS);
        head.append("\r\nretry: ").append(retry).append("\n\n");
        return Unpooled.wrappedBuffer(head.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A seq from the query or the header: a non-negative integer, or null when absent. */
    private static Long seq(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(value.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException(ErrorCode.INVALID_SINCE, name + " must be a non-negative integer seq");
    }
}
