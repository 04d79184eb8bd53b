package dev.parley.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for receiving a request: its head within {@code headMillis} of its first byte, its body
 * within {@code bodyMillis} of its head (an import upload, whose body may be large, within
 * {@code uploadMillis}: the route refuses one without the moderator token at its head and closes
 * the connection, so only a moderator gets the longer time). Vert.x's idle timeout restarts on every byte, so a client
 * sending a byte every few seconds (slowloris) would hold the connection forever; this counts from
 * the start. A connection that misses a deadline is closed. Two handlers share the state: one
 * before the HTTP decoder sees the first byte, one after it sees the head and the body's end.
 * Confined to the connection's event loop.
 */
final class RequestDeadline {
    static final String BEFORE_DECODER = "parleyRequestStart";
    static final String AFTER_DECODER = "parleyRequestEnd";

    private final long headMillis;
    private final long bodyMillis;
    private final long uploadMillis;
    private final Runnable onTimeout;
    private ScheduledFuture<?> deadline;
    private boolean receiving;

    RequestDeadline(long headMillis, long bodyMillis, long uploadMillis, Runnable onTimeout) {
        this.headMillis = headMillis;
        this.bodyMillis = bodyMillis;
        this.uploadMillis = uploadMillis;
        this.onTimeout = onTimeout;
    }

    final ChannelInboundHandlerAdapter start = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!receiving && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                receiving = true;
                arm(ctx, headMillis);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }

        /**
         * A WebSocket takes the connection over (VertxPipeline.takeOver) before the upgrade
         * request's end passes here: without this its body deadline would close the socket later,
         * and the armed timer would keep Vert.x's whole HTTP connection alive until then.
         */
        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            receiving = false;
            disarm();
        }
    };

    final ChannelInboundHandlerAdapter end = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LastHttpContent) {
                receiving = false;
                disarm();
            } else if (msg instanceof HttpRequest request) {
                arm(ctx, request.uri().startsWith(TransferApi.IMPORT) ? uploadMillis : bodyMillis);
            }
            ctx.fireChannelRead(msg);
        }
    };

    private void arm(ChannelHandlerContext ctx, long millis) {
        disarm();
        Channel channel = ctx.channel(); // not ctx: a context outlives its removal with its neighbours
        deadline = ctx.executor().schedule(() -> {
            if (receiving && channel.isActive()) {
                onTimeout.run();
                channel.close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
