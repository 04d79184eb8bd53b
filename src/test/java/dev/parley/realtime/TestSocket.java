package dev.parley.realtime;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's socket on a shard, in memory: the shard's own handlers on a Netty
 * {@link EmbeddedChannel}, and a client-side decoder that turns what the shard wrote back into
 * frames. A frame recorder, not a mock: the bytes are the ones a real socket would carry.
 */
final class TestSocket {
    final EmbeddedChannel channel;
    private final EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
    private final List<WebSocketFrame> received = new ArrayList<>();

    TestSocket(Shard shard, String ipHash) {
        channel = new EmbeddedChannel();
        SocketHandlers handlers = shard.accept(channel, ipHash, dev.parley.protocol.ThreadKey.DEFAULT_SITE);
        channel.pipeline().addLast("wsencoder", handlers.encoder());
        channel.pipeline().addLast("parley", handlers.handler());
    }

    void send(String json) {
        channel.writeInbound(new TextWebSocketFrame(json));
    }

    void ping(byte[] payload) {
        channel.writeInbound(new PingWebSocketFrame(io.netty.buffer.Unpooled.wrappedBuffer(payload)));
    }

    /** Everything the shard wrote since the last call, as decoded frames. */
    List<WebSocketFrame> frames() {
        for (Object out; (out = channel.readOutbound()) != null; ) {
            client.writeInbound(out);
        }
        for (Object in; (in = client.readInbound()) != null; ) {
            received.add((WebSocketFrame) in);
        }
        List<WebSocketFrame> all = List.copyOf(received);
        received.clear();
        return all;
    }

    /** The text frames since the last call, parsed. */
    List<JsonObject> messages() {
        List<JsonObject> out = new ArrayList<>();
        for (WebSocketFrame f : frames()) {
            if (f instanceof TextWebSocketFrame text) {
                out.add(new JsonObject(text.text()));
            }
            f.release();
        }
        return out;
    }

    /** The close code the shard sent, or -1. */
    int closeCode() {
        for (WebSocketFrame f : frames()) {
            if (f instanceof CloseWebSocketFrame close) {
                return close.statusCode();
            }
        }
        return -1;
    }

    static String text(ByteBuf buf) {
        return buf.toString(StandardCharsets.UTF_8);
    }
}
