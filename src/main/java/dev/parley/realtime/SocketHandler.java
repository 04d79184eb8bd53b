package dev.parley.realtime;

import dev.parley.protocol.CloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upgraded connection's Netty pipeline, after Netty's WebSocket decoder
 * and encoder. Parley owns the socket from the handshake on, instead of Vert.x's WebSocket: an
 * idle connection then costs the channel, this handler and its {@link Session}, without a second
 * connection object and write queue per socket (see docs/benchmarks.md, idle).
 *
 * <p>Control frames are handled here: pings are answered with pongs within the connection's budget
 * and counted against its control-frame rate, closes with closes. Data frames are joined into
 * messages by the {@link MessageAssembler} and handed to {@link ClientFrames}.
 */
final class SocketHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);

    private final Shard shard;
    private final ClientFrames frames;
    private final Session session;
    private final MessageAssembler messages;
    private final ShardLoop loop;

    SocketHandler(Shard shard, ClientFrames frames, Session session, MessageAssembler messages, ShardLoop loop) {
        this.shard = shard;
        this.frames = frames;
        this.session = session;
        this.messages = messages;
        this.loop = loop;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof WebSocketFrame frame) {
                onFrame(ctx, frame);
            }
            // Anything else (bytes the HTTP decoder held back) has no meaning on a WebSocket.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame || frame instanceof PongWebSocketFrame) {
            if (!session.closed()) {
                session.controlFrame(loop.nowMillis(), frame instanceof PingWebSocketFrame ? frame.content() : null);
            }
            return;
        }
        if (frame instanceof CloseWebSocketFrame close) {
            session.outbox().closedByPeer(closeCode(close));
            return;
        }
        if (session.closed()) {
            return; // closing: data after our close frame is not read (RFC 6455 1.4)
        }
        switch (messages.accept(frame)) {
            case COMPLETE -> frames.onMessage(session, messages.take());
            case BINARY -> session.close(CloseCode.UNSUPPORTED_DATA, "binary frames are not supported", loop.nowMillis());
            case TOO_BIG -> session.close(CloseCode.TOO_BIG, "message too big", loop.nowMillis());
            case PARTIAL, IGNORED -> { }
        }
    }

    /** The peer's status code, or -1 for a close frame without one. */
    private static int closeCode(CloseWebSocketFrame close) {
        ByteBuf content = close.content();
        return content.readableBytes() >= 2 ? content.getUnsignedShort(content.readerIndex()) : -1;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        shard.closed(session);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // Netty's decoder has already sent the close frame (1009 for a frame over the limit,
            // 1002 for a protocol error) and closes the socket.
            session.outbox().markClosed(corrupted.closeStatus().code());
            return;
        }
        log.debug("websocket failure: {}", cause.toString());
        session.outbox().markClosed(-1);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        // Vert.x announces its server's shutdown to every channel it accepted; Parley drains its
        // sockets itself (1012), so the event is not passed on.
        ReferenceCountUtil.release(event);
    }
}
