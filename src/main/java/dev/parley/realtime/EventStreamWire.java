package dev.parley.realtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events (the HTML standard's text/event-stream): each frame is one message whose
 * {@code data} is the same JSON as the WebSocket frame; a thread event's message carries its seq
 * as {@code id}, so a browser's EventSource resumes with {@code Last-Event-ID} = the last seq it
 * saw. The heartbeat is a comment line, which keeps proxies from timing the stream out and which
 * clients ignore. JSON never holds a raw line break, so each frame is one {@code data:} line.
 */
final class EventStreamWire implements Wire {
    static final EventStreamWire INSTANCE = new EventStreamWire();
    private static final ByteBuf PING = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(":ping\n\n".getBytes(StandardCharsets.US_ASCII)));

    private EventStreamWire() {
    }

    @Override
    public Object text(byte[] json, long id) {
        return message(json, id);
    }

    @Override
    public ByteBuf shared(Delivery d) {
        return d.eventStream().retainedDuplicate();
    }

    @Override
    public ByteBuf ping() {
        return PING.duplicate();
    }

    @Override
    public boolean awaitsPong() {
        return false;
    }

    /** A comment with the WebSocket close code and reason: for people and scripts reading the stream. */
    @Override
    public Object goodbye(short code, String reason) {
        return Unpooled.wrappedBuffer((":close " + code + " " + reason.replace('\n', ' ') + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean answersGoodbye() {
        return false;
    }

    @Override
    public String name() {
        return "stream";
    }

    /** {@code id: <seq>} (thread events only) and {@code data: <json>}, then the blank line that ends it. */
    static ByteBuf message(byte[] json, long id) {
        byte[] head = ((id >= 0 ? "id: " + id + "\n" : "") + "data: ").getBytes(StandardCharsets.US_ASCII);
        ByteBuf out = Unpooled.buffer(head.length + json.length + 2);
        return out.writeBytes(head).writeBytes(json).writeByte('\n').writeByte('\n');
    }
}
