package dev.parley.realtime;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;

/**
 * Joins a connection's data frames into messages, bounded by the frame limit: the size is enforced
 * on the whole message, not only per frame, and the raw bytes are kept so that malformed UTF-8 is
 * refused rather than replaced. Control frames are the {@link SocketHandler}'s business.
 */
final class MessageAssembler {
    enum Result { COMPLETE, PARTIAL, BINARY, TOO_BIG, IGNORED }

    private final int maxBytes;
    private ByteArrayOutputStream partial;
    private boolean binary;
    private byte[] complete;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes a text, binary or continuation frame; the caller keeps ownership of its buffer. */
    Result accept(WebSocketFrame frame) {
        boolean continuation = frame instanceof ContinuationWebSocketFrame;
        if (frame instanceof BinaryWebSocketFrame || (continuation && binary)) {
            binary = true;
            return Result.BINARY;
        }
        int length = frame.content().readableBytes();
        if (frame instanceof TextWebSocketFrame) {
            if (frame.isFinalFragment()) {
                partial = null;
                if (length > maxBytes) {
                    return Result.TOO_BIG;
                }
                complete = ByteBufUtil.getBytes(frame.content());
                return Result.COMPLETE;
            }
            partial = new ByteArrayOutputStream(Math.min(length * 2, maxBytes));
        } else if (!continuation || partial == null) {
            return Result.IGNORED;
        }
        if (partial.size() + length > maxBytes) {
            partial = null;
            return Result.TOO_BIG;
        }
        partial.writeBytes(ByteBufUtil.getBytes(frame.content()));
        if (!frame.isFinalFragment()) {
            return Result.PARTIAL;
        }
        complete = partial.toByteArray();
        partial = null;
        return Result.COMPLETE;
    }

    byte[] take() {
        byte[] message = complete;
        complete = null;
        return message;
    }
}
