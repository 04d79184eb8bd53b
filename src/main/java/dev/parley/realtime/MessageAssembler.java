package dev.parley.realtime;

import io.vertx.core.http.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins a connection's frames into messages, bounded by the frame limit. Vert.x's own text
 * handler replaces malformed UTF-8 silently and only reports an over-long message to the
 * exception handler while the socket runs on; assembling here keeps the raw bytes, so malformed
 * input is refused, and the size is enforced on the whole message.
 */
final class MessageAssembler {
    enum Result { COMPLETE, PARTIAL, BINARY, TOO_BIG, PONG, IGNORED }

    private final int maxBytes;
    private ByteArrayOutputStream partial;
    private boolean binary;
    private byte[] complete;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Result accept(WebSocketFrame frame) {
        if (frame.type() == io.vertx.core.http.WebSocketFrameType.PONG) {
            return Result.PONG;
        }
        if (frame.isPing() || frame.isClose()) {
            return Result.IGNORED;
        }
        if (frame.isBinary() || (frame.isContinuation() && binary)) {
            binary = true;
            return Result.BINARY;
        }
        byte[] bytes = frame.binaryData().getBytes();
        if (frame.isText()) {
            partial = new ByteArrayOutputStream(Math.min(bytes.length * 2, maxBytes));
        } else if (partial == null) {
            return Result.IGNORED;
        }
        if (partial.size() + bytes.length > maxBytes) {
            partial = null;
            return Result.TOO_BIG;
        }
        partial.writeBytes(bytes);
        if (!frame.isFinal()) {
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

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
