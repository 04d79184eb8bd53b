package dev.parley.web;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;

/**
 * The 101 that accepts a WebSocket (RFC 6455 4.2.2), as Netty's own handshake code writes it:
 * {@code Sec-WebSocket-Accept} from the client's key, {@code Upgrade} and {@code Connection}. Only
 * the answer is Netty's: the pipeline stays Parley's ({@link VertxPipeline#takeOver}), so no
 * handshaker, aggregator or second connection object outlives the handshake. No subprotocol and no
 * extension is offered. Stateless: one per endpoint.
 */
final class HandshakeAnswer extends WebSocketServerHandshaker13 {
    HandshakeAnswer() {
        super("/ws", null, WebSocketDecoderConfig.newBuilder().build());
    }

    /** The 101 for an upgrade request whose (already checked) key is {@code key}. */
    FullHttpResponse to(String key) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws",
                Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                .set(HttpHeaderNames.SEC_WEBSOCKET_KEY, key.trim());
        return newHandshakeResponse(request, null);
    }
}
