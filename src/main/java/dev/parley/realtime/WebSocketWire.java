package dev.parley.realtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/** RFC 6455 frames, the protocol's first transport (docs/protocol.md, "WebSocket"). */
final class WebSocketWire implements Wire {
    static final WebSocketWire INSTANCE = new WebSocketWire();
    private static final ByteBuf PING_FRAMES = pingFrames();

    private WebSocketWire() {
    }

    @Override
    public Object text(byte[] json, long id) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(json));
    }

    @Override
    public ByteBuf shared(Delivery d) {
        return d.wire.retainedDuplicate();
    }

    /** The application ping ({@code {"type":"ping"}}) and a protocol ping, in one write. */
    @Override
    public ByteBuf ping() {
        return PING_FRAMES.duplicate();
    }

    @Override
    public boolean awaitsPong() {
        return true;
    }

    @Override
    public Object goodbye(short code, String reason) {
        return new CloseWebSocketFrame(code, reason);
    }

    @Override
    public boolean answersGoodbye() {
        return true;
    }

    @Override
    public String name() {
        return "websocket";
    }

    private static ByteBuf pingFrames() {
        ByteBuf text = Delivery.textFrame("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        ByteBuf ping = Unpooled.wrappedBuffer(new byte[] {(byte) 0x89, 0}); // FIN + ping, empty
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(text, ping));
    }
}
